using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Tests;

/// <summary>A whole run against in-process executors: wrong answers counted, the unavailable listed, results written.</summary>
public sealed class SuiteTests
{
    private static readonly BenchmarkConfig TinyConfig = new()
    {
        Scenarios =
        [
            new ScenarioConfig { Name = "simple-chat", Iterations = 12, Warmup = 2 },
            new ScenarioConfig { Name = "multi-turn", Iterations = 3, Warmup = 1, Turns = 3 },
            new ScenarioConfig { Name = "concurrent", Iterations = 30, Warmup = 4, Concurrent = 4 },
        ],
        Sweep = new SweepConfig { Concurrency = [1, 3], MinIterations = 6, IterationsPerWorker = 1, Warmup = 1 },
        Growth = new GrowthConfig { Turns = 6 },
        Thresholds = [Rule("error_rate<0.01")],
        // The full suite's long scenarios have their own tests (a soak alone lasts 10 minutes).
        Soak = new SoakConfig { Enabled = false },
        DependencyFault = new DependencyFaultConfig { Enabled = false },
    };

    private static ThresholdRule Rule(string text) => ThresholdRule.TryParse(text, out var rule, out _) ? rule! : throw new ArgumentException(text);

    private static RunOptions Options(string output, params string[] executors) => new()
    {
        ExecutorFlags = executors,
        OutputRoot = output,
        HealthWaitSeconds = 0.3,
        Environment = new Dictionary<string, string?>(),
    };

    [Fact]
    public async Task Wrong_answers_are_errors_the_unavailable_are_listed_and_results_are_written()
    {
        await using var good = await FakeExecutor.StartAsync("good");
        await using var liar = await FakeExecutor.StartAsync("liar", wrongEvery: 3);
        var output = Directory.CreateTempSubdirectory("ld-suite-");
        try
        {
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(TinyConfig, Options(output.FullName, $"good={good.Url}", $"liar={liar.Url}", $"ghost={FakeExecutor.ClosedPort()}"),
                SilentProgress.Instance, metrics);

            var code = await suite.RunAsync(TestContext.Current.CancellationToken);

            Assert.Equal(ExitCodes.Regression, code); // the liar breaks error_rate<0.01
            var results = ResultsJson.Read(suite.ResultsDirectory!);
            Assert.Equal("complete", results.Status);

            var ghost = results.Executors.Single(e => e.Name == "ghost");
            Assert.False(ghost.Available);
            Assert.Contains("not healthy within 0.3 s; last error: GET", ghost.Reason);
            Assert.DoesNotContain(results.Scenarios, s => s.Executor == "ghost");

            var goodRuns = results.Scenarios.Where(s => s.Executor == "good").ToList();
            Assert.Equal(["simple-chat", "multi-turn", "concurrent"], goodRuns.Select(s => s.Scenario));
            Assert.All(goodRuns, s => Assert.Equal(0, s.Errors.Total));
            Assert.Equal(12, goodRuns[0].Requests);
            Assert.Equal(9, goodRuns[1].Requests); // 3 conversations of 3 turns
            Assert.Equal(30, goodRuns[2].Requests);
            Assert.All(goodRuns, s => Assert.Contains("mock LLM's address is unknown", s.OverheadNote));
            Assert.All(goodRuns, s => Assert.NotNull(s.Resources)); // the fake runs in this process, which is sampled

            var liarRuns = results.Scenarios.Where(s => s.Executor == "liar").ToList();
            Assert.All(liarRuns, s => Assert.Equal(s.Requests - s.Ok, s.Errors.WrongAnswer));
            Assert.True(liarRuns.Sum(s => s.Errors.WrongAnswer) > 10);
            Assert.Contains("wrong_answer: llm_calls 2, expected 1", liarRuns[0].ErrorExamples[0]);
            Assert.All(liarRuns, s => Assert.Equal(s.Ok, s.LatencyMs?.Count ?? 0));

            Assert.Equal([1, 3, 1, 3], results.Sweep.Select(p => p.Concurrency));
            Assert.Equal(6, results.Growth.Single(g => g.Executor == "good").Turns);
            Assert.Contains(results.Thresholds, t => t.Executor == "liar" && !t.Passed);
            Assert.Contains(results.Thresholds, t => t.Executor == "good" && t.Passed);

            var markdown = File.ReadAllText(Path.Combine(suite.ResultsDirectory!, ResultsWriter.ReportFileName));
            Assert.Contains("| ghost | unavailable: not healthy within 0.3 s", markdown);
            Assert.Contains("## Errors", markdown);
            Assert.True(File.Exists(Path.Combine(suite.ResultsDirectory!, "latency-simple-chat.png")));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_interrupted_run_keeps_the_scenarios_that_finished()
    {
        await using var good = await FakeExecutor.StartAsync("good");
        var output = Directory.CreateTempSubdirectory("ld-interrupt-");
        try
        {
            using var cancel = new CancellationTokenSource();
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(TinyConfig, Options(output.FullName, $"good={good.Url}"), new CancelAfterFirstPhase(cancel), metrics);

            var code = await suite.RunAsync(cancel.Token);

            Assert.Equal(ExitCodes.Failed, code);
            var results = ResultsJson.Read(suite.ResultsDirectory!);
            Assert.Equal("interrupted", results.Status);
            Assert.Equal("simple-chat", Assert.Single(results.Scenarios).Scenario);
            Assert.True(File.Exists(Path.Combine(suite.ResultsDirectory!, ResultsWriter.ReportFileName)));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_no_executor_available_the_exit_code_is_2()
    {
        var output = Directory.CreateTempSubdirectory("ld-none-");
        try
        {
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(TinyConfig, Options(output.FullName, $"ghost={FakeExecutor.ClosedPort()}"), SilentProgress.Instance, metrics);
            Assert.Equal(ExitCodes.NoExecutor, await suite.RunAsync(TestContext.Current.CancellationToken));
            Assert.Equal("failed", ResultsJson.Read(suite.ResultsDirectory!).Status);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Quick_and_flags_shape_the_plans()
    {
        var config = new BenchmarkConfig();
        var quick = SuitePlanner.Scenarios(config, new RunOptions { Quick = true });
        Assert.Equal([50, 50, 50, 50, 400], quick.Select(p => p.Iterations));
        Assert.Equal(100, quick.Single(p => p.Name == "concurrent").Warmup); // one warm-up per worker
        Assert.Equal([1, 10, 50], SuitePlanner.Sweep(config, new RunOptions { Quick = true }).Select(p => p.Concurrency));

        var flagged = SuitePlanner.Scenarios(config, new RunOptions { Scenarios = ["agent-loop"], Iterations = 7, Warmup = 0, Rate = 20, Latency = "realistic" });
        var plan = Assert.Single(flagged);
        Assert.Equal((7, 0, LoadModel.Open, 20.0, 300.0), (plan.Iterations, plan.Warmup, plan.Model, plan.Rate!.Value, plan.LatencyModel.TtftMs));
        Assert.Empty(SuitePlanner.Sweep(config, new RunOptions { Scenarios = ["agent-loop"] }));
        Assert.Equal(0, SuitePlanner.GrowthTurns(config, new RunOptions { Scenarios = ["agent-loop"] }));

        Assert.Throws<ConfigException>(() => SuitePlanner.Effective(config, new RunOptions { Latency = "warp" }));
        Assert.Throws<ConfigException>(() => SuitePlanner.Effective(config, new RunOptions { Scenarios = ["nope"] }));
    }

    private sealed class CancelAfterFirstPhase(CancellationTokenSource cancel) : IRunProgress, IProgressPhase
    {
        public IProgressPhase Begin(string executor, string label, long total) => this;
        public void Message(string text) { }
        public void Update(long done, LiveSnapshot live, bool warmup) { }
        public void Complete(string summary) => cancel.Cancel();
        public void Dispose() { }
    }
}
