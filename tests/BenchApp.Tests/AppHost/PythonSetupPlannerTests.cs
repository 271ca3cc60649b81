using BenchApp.AppHost.PythonExecutors;

namespace BenchApp.Tests.AppHost;

public class PythonSetupPlannerTests
{
    private static readonly PythonEnvironmentLayout Layout =
        PythonEnvironmentLayout.For("/repo/python-executors", PythonExecutorSpec.Named("python-langgraph"), isWindows: false);

    private static readonly PythonInterpreter Python = new("/usr/bin/python3", "test");

    [Fact]
    public void A_new_venv_is_created_and_its_requirements_installed()
    {
        var plan = PythonSetupPlanner.Plan(Layout, new PythonSetupState(false, "abc", null), Python, systemSitePackages: false);

        Assert.False(plan.VenvUpToDate);
        Assert.False(plan.RequirementsUpToDate);
        Assert.Equal("/usr/bin/python3", plan.Venv.Command);
        Assert.Equal(["-m", "venv", "/repo/python-executors/.venvs/python-langgraph"], plan.Venv.Args);
        Assert.Equal("/repo/python-executors/.venvs/python-langgraph/bin/python", plan.Install.Command);
        Assert.Equal(
            [PythonSetupPlanner.EnsureRequirementsScript, "/repo/python-executors/requirements/langgraph.txt",
             "--stamp", "/repo/python-executors/.venvs/python-langgraph/" + PythonEnvironmentLayout.StampFileName, "--hash", "abc"],
            plan.Install.Args);
    }

    [Fact]
    public void The_baseline_venv_sees_the_system_packages()
    {
        var layout = PythonEnvironmentLayout.For("/r", PythonExecutorSpec.Named("python-baseline"), isWindows: false);

        var plan = PythonSetupPlanner.Plan(layout, new PythonSetupState(false, "h", null), Python, PythonExecutorSpec.Named("python-baseline").SystemSitePackages);

        Assert.Contains("--system-site-packages", plan.Venv.Args);
    }

    [Fact]
    public void Nothing_is_installed_when_the_stamp_matches()
    {
        var plan = PythonSetupPlanner.Plan(Layout, new PythonSetupState(true, "abc", "abc"), Python, systemSitePackages: false);

        Assert.True(plan.VenvUpToDate);
        Assert.True(plan.RequirementsUpToDate);
        Assert.DoesNotContain(PythonSetupPlanner.EnsureRequirementsScript, plan.Install.Args);
        Assert.DoesNotContain("venv", plan.Venv.Args);
    }

    [Theory]
    [InlineData("old")]
    [InlineData(null)]
    public void A_changed_or_missing_stamp_reinstalls(string? stamp)
    {
        var plan = PythonSetupPlanner.Plan(Layout, new PythonSetupState(true, "abc", stamp), Python, systemSitePackages: false);

        Assert.False(plan.RequirementsUpToDate);
        Assert.Contains(PythonSetupPlanner.EnsureRequirementsScript, plan.Install.Args);
    }

    [Fact]
    public void Interpreter_choice_prefers_configuration_then_debian_python()
    {
        Assert.Equal("/opt/py/bin/python3", PythonInterpreter.Find("/opt/py/bin/python3", _ => true, isWindows: false).Path);
        Assert.Equal("/usr/bin/python3", PythonInterpreter.Find(null, f => f == "/usr/bin/python3", isWindows: false).Path);
        Assert.Equal("python3", PythonInterpreter.Find(" ", _ => false, isWindows: false).Path);
    }

    [Fact]
    public void Requirements_hash_follows_included_files()
    {
        var dir = Directory.CreateTempSubdirectory("benchapp-req-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "common.txt"), "fastapi>=0.92\n");
            var top = Path.Combine(dir.FullName, "app.txt");
            File.WriteAllText(top, "-r common.txt\nlanggraph==1.2.22\n");
            var before = RequirementsHash.Compute(top);

            File.WriteAllText(Path.Combine(dir.FullName, "common.txt"), "fastapi>=0.100\n");

            Assert.NotEqual(before, RequirementsHash.Compute(top));
            Assert.Equal(64, before.Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_spec_names_files_that_exist()
    {
        var root = BenchApp.TestSupport.RepoPaths.Root;
        foreach (var spec in PythonExecutorSpec.All)
        {
            Assert.True(File.Exists(Path.Combine(root, "python-executors", spec.Requirements)), spec.Requirements);
            Assert.True(File.Exists(Path.Combine(root, spec.Dockerfile)), spec.Dockerfile);
            Assert.True(Directory.Exists(Path.Combine(root, "python-executors", spec.Module)), spec.Module);
        }
    }
}
