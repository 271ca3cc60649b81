using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchApp.TestSupport;

namespace BenchApp.Tests.EndToEnd;

/// <summary>
/// --require-all where something is missing: run-tests.sh and run-benchmarks.sh stop within seconds, before any
/// test or measurement, naming each missing prerequisite; the AppHost alone exits 3 before starting anything.
/// What is missing is made so on any machine (a Temporal address nobody answers, an empty venv folder, a package
/// index on a closed port), so these hold on the full-matrix runner too.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class RequireAllScriptTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, string?> NothingThere(string emptyVenvs)
    {
        var port = ClosedPort();
        return new()
        {
            ["TEMPORAL_ADDRESS"] = $"127.0.0.1:{port}",
            ["ConnectionStrings__temporal"] = null,
            ["BENCHAPP_VENVS_DIR"] = emptyVenvs,
            ["PIP_INDEX_URL"] = $"http://127.0.0.1:{port}/simple/",
            ["BENCHAPP_REQUIRE_ALL"] = null,
            ["CONFIGURATION"] = RepoPaths.Configuration,
            ["BENCHAPP_SKIP_BUILD"] = "1",
        };
    }

    private static async Task<(int Code, string Output, TimeSpan Took)> RunAsync(string script, string[] args, Dictionary<string, string?> env)
    {
        var clock = Stopwatch.StartNew();
        await using var child = ChildProcess.Start("bash", [RepoPaths.Combine(script), .. args], env);
        var code = await child.WaitForExitAsync(Bound);
        return (code, child.Output, clock.Elapsed);
    }

    [Fact]
    public async Task Run_tests_require_all_names_what_is_missing_and_runs_no_test()
    {
        var venvs = Directory.CreateTempSubdirectory("benchapp-no-venvs-");
        try
        {
            var (code, output, took) = await RunAsync("run-tests.sh", ["--require-all"], NothingThere(venvs.FullName));

            Assert.True(code != 0, $"run-tests.sh --require-all exited 0:\n{output}");
            Assert.True(took < Bound, $"took {took}");
            Assert.Contains("MISSING  Temporal: TEMPORAL_ADDRESS=127.0.0.1:", output);
            foreach (var framework in new[] { "python-langgraph (langgraph)", "python-adk (google-adk)", "python-crewai (crewai)" })
                Assert.Contains($"MISSING  {framework}: no virtualenv at {venvs.FullName}", output);
            Assert.Contains("nothing was run", output);
            Assert.DoesNotContain("== dotnet build", output);
            Assert.DoesNotContain("== dotnet test", output);
            Assert.DoesNotContain("== pytest", output);
        }
        finally
        {
            venvs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_benchmarks_require_all_exits_3_naming_each_unavailable_executor_before_starting()
    {
        var venvs = Directory.CreateTempSubdirectory("benchapp-no-venvs-");
        try
        {
            var (code, output, took) = await RunAsync("run-benchmarks.sh", ["--quick", "--require-all"], NothingThere(venvs.FullName));

            Assert.True(code == 3, $"run-benchmarks.sh --quick --require-all exited {code}, not 3:\n{output}");
            Assert.True(took < Bound, $"took {took}");
            var list = output[output.IndexOf("== unavailable executors", StringComparison.Ordinal)..];
            foreach (var executor in new[] { "dotnet-temporal", "python-langgraph", "python-adk", "python-crewai" })
                Assert.Contains($"\n  {executor}: ", list);
            Assert.DoesNotContain("\n  dotnet-inproc: ", list);
            Assert.DoesNotContain("\n  python-baseline: ", list);
            Assert.DoesNotContain("== running the suite", output); // the AppHost never started
        }
        finally
        {
            venvs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_AppHost_with_RequireAll_exits_3_before_starting_anything()
    {
        var clock = Stopwatch.StartNew();
        await using var apphost = ChildProcess.Start("dotnet",
            ["run", "--project", RepoPaths.Combine("BenchApp.AppHost"), "-c", RepoPaths.Configuration, "--no-build", "--no-launch-profile", "--",
             "--BenchApp:Headless=true", "--BenchApp:RequireAll=true", "--BenchApp:Executors=dotnet-temporal,dotnet-inproc",
             "--Infrastructure:Temporal:Mode=none"]);
        var code = await apphost.WaitForExitAsync(Bound);

        Assert.True(code == 3, $"the AppHost exited {code}, not 3:\n{apphost.Output}");
        Assert.True(clock.Elapsed < Bound);
        Assert.Contains("BenchApp:RequireAll: 1 executor(s) cannot run here; nothing was started", apphost.Output);
        Assert.Contains("dotnet-temporal: Temporal is turned off (Infrastructure:Temporal:Mode=none).", apphost.Output);
        Assert.DoesNotContain("load-driver", apphost.Output);
    }
}
