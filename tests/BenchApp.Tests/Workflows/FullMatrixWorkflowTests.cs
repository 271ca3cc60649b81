using System.Text.RegularExpressions;
using BenchApp.TestSupport;
using YamlDotNet.RepresentationModel;

namespace BenchApp.Tests.Workflows;

/// <summary>
/// .github/workflows/full.yml, parsed: the triggers, the pinned and verified Temporal CLI, Redis 8, the caches keyed by
/// their inputs, both --require-all commands in order, the report to the job summary, and every step bounded in time
/// inside a job of at most 45 minutes. (No runner here: this checks the file, the runner checks the rest.)
/// </summary>
public sealed partial class FullMatrixWorkflowTests
{
    private static readonly YamlMappingNode Workflow = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepoPaths.Combine(".github", "workflows", "full.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) =>
        (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string? Text(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static YamlMappingNode Job => Map(Map(Workflow, "jobs"), "full");

    private static List<YamlMappingNode> Steps => [.. ((YamlSequenceNode)Job.Children[new YamlScalarNode("steps")]).Cast<YamlMappingNode>()];

    private static string Env(string key) => Text(Map(Workflow, "env"), key) ?? throw new KeyNotFoundException(key);

    private static int IndexOfRun(string command) => Steps.FindIndex(s => Text(s, "run") is { } run && run.Contains(command, StringComparison.Ordinal));

    [Fact]
    public void Runs_on_push_to_main_on_a_schedule_and_by_hand()
    {
        var on = Map(Workflow, "on");
        var branches = (YamlSequenceNode)Map(on, "push").Children[new YamlScalarNode("branches")];
        Assert.Contains(branches, b => ((YamlScalarNode)b).Value == "main");
        var cron = Text(((YamlSequenceNode)on.Children[new YamlScalarNode("schedule")]).Children[0], "cron");
        Assert.Matches(@"^\S+ \S+ \S+ \S+ \S+$", cron);
        Assert.True(on.Children.ContainsKey(new YamlScalarNode("workflow_dispatch")));
        Assert.DoesNotContain(on.Children.Keys, k => ((YamlScalarNode)k).Value == "pull_request"); // the gate is benchmark.yml
    }

    [Fact]
    public void The_job_is_bounded_by_45_minutes_and_every_step_by_its_own_timeout()
    {
        var job = int.Parse(Text(Job, "timeout-minutes")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(job, 1, 45);
        Assert.StartsWith("ubuntu-", Text(Job, "runs-on"));
        foreach (var step in Steps)
        {
            var name = Text(step, "name") ?? Text(step, "uses");
            Assert.True(int.TryParse(Text(step, "timeout-minutes"), out var minutes), $"step '{name}' has no timeout-minutes");
            Assert.InRange(minutes, 1, job);
        }
    }

    [Fact]
    public void Sets_up_dotnet_10_python_3_12_and_node()
    {
        Assert.Contains(Steps, s => Text(s, "uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true
            && Text(Map(s, "with"), "dotnet-version")!.StartsWith("10.", StringComparison.Ordinal));
        Assert.Contains(Steps, s => Text(s, "uses")?.StartsWith("actions/setup-node@", StringComparison.Ordinal) == true);
        Assert.Equal("3.12", Env("PYTHON_VERSION"));
        var python = Steps[IndexOfRun("python3-venv")];
        Assert.Contains("/usr/bin/python3 --version", Text(python, "run"));
        Assert.Contains("BENCHAPP_PYTHON=/usr/bin/python3", Text(python, "run"));
    }

    [Fact]
    public void The_Temporal_CLI_is_a_pinned_release_whose_checksum_is_verified()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", Env("TEMPORAL_CLI_VERSION"));
        Assert.True(new Version(Env("TEMPORAL_CLI_VERSION")) >= new Version(1, 2, 0));
        Assert.Matches("^[0-9a-f]{64}$", Env("TEMPORAL_CLI_SHA256"));
        var run = Text(Steps[IndexOfRun("temporalio/cli/releases/download")], "run")!;
        Assert.Contains("${TEMPORAL_CLI_SHA256}", run);
        Assert.Contains("sha256sum --check", run);
        Assert.Contains("GITHUB_PATH", run);
        Assert.True(run.IndexOf("sha256sum", StringComparison.Ordinal) < run.IndexOf("tar -xzf", StringComparison.Ordinal), "verified before it is unpacked");
    }

    [Fact]
    public void Redis_8_with_its_modules_comes_before_the_tests()
    {
        var redis = IndexOfRun("packages.redis.io");
        Assert.True(redis >= 0);
        var run = Text(Steps[redis], "run")!;
        Assert.Contains("v=8", run);
        Assert.Contains("tools/redis-with-modules.sh", run);
        Assert.True(File.Exists(RepoPaths.Combine("tools", "redis-with-modules.sh")));
        Assert.True(redis < IndexOfRun("./run-tests.sh --require-all"));
    }

    [Fact]
    public void Caches_are_keyed_by_the_hash_of_their_inputs()
    {
        var keys = Steps.Where(s => Text(s, "uses")?.StartsWith("actions/cache@", StringComparison.Ordinal) == true)
            .Select(s => (Path: Text(Map(s, "with"), "path")!, Key: Text(Map(s, "with"), "key")!)).ToList();
        Assert.Contains(keys, c => c.Path == "python-executors/.venvs" && c.Key.Contains("hashFiles('python-executors/requirements/*.txt')"));
        Assert.Contains(keys, c => c.Path.Contains("NUGET_PACKAGES") && c.Key.Contains("Directory.Packages.props"));
        Assert.Contains(keys, c => c.Key.Contains("package-lock.json"));
    }

    [Fact]
    public void Builds_the_venvs_then_runs_every_test_then_every_executor_with_require_all()
    {
        var venvs = IndexOfRun("tools/build-venvs.py --tests");
        var tests = IndexOfRun("./run-tests.sh --require-all");
        var bench = IndexOfRun("./run-benchmarks.sh --quick --require-all");
        Assert.True(venvs >= 0 && tests > venvs && bench > tests, $"order: venvs {venvs}, tests {tests}, benchmarks {bench}");
        Assert.DoesNotContain("--executors", Text(Steps[bench], "run")); // every executor of the catalogue
        Assert.True(File.Exists(RepoPaths.Combine("tools", "build-venvs.py")));
    }

    [Fact]
    public void The_summary_tables_reach_the_job_summary_and_the_results_are_uploaded_whatever_happened()
    {
        var summary = Steps[IndexOfRun("GITHUB_STEP_SUMMARY")];
        Assert.Equal("always()", Text(summary, "if"));
        Assert.Contains("benchmark-results.md", Text(summary, "run"));
        Assert.Contains("## (Executors|Summary)", Text(summary, "run"));
        // The section it copies is the one the report writes.
        var report = File.ReadAllText(RepoPaths.Combine("BenchApp.LoadDriver", "Reports", "MarkdownReport.cs"));
        Assert.Matches(SummaryHeading(), report);

        var upload = Steps.Single(s => Text(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("always()", Text(upload, "if"));
        Assert.Equal("bench-out/", Text(Map(upload, "with"), "path"));
    }

    [GeneratedRegex("\"## Summary\"")]
    private static partial Regex SummaryHeading();
}
