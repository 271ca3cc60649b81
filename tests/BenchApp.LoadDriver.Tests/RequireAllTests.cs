using BenchApp.LoadDriver.Cli;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Tests;

/// <summary>--require-all: any unavailable executor ends the run with exit 3, each one named, before anything is measured.</summary>
public sealed class RequireAllTests
{
    private static readonly BenchmarkConfig TinyConfig = new()
    {
        Scenarios = [new ScenarioConfig { Name = "simple-chat", Iterations = 5, Warmup = 1 }],
        Sweep = new SweepConfig { Concurrency = [] },
        Growth = new GrowthConfig { Turns = 0 },
        // The full suite's long scenarios have their own tests (a soak alone lasts 10 minutes).
        Soak = new SoakConfig { Enabled = false },
        DependencyFault = new DependencyFaultConfig { Enabled = false },
    };

    [Fact]
    public async Task An_executor_the_AppHost_could_not_start_and_one_that_never_got_healthy_fail_the_run_with_3()
    {
        await using var good = await FakeExecutor.StartAsync("dotnet-inproc");
        var output = Directory.CreateTempSubdirectory("ld-require-all-");
        try
        {
            // What the AppHost hands the driver: an endpoint per executor it started, a reason per one it could not.
            var environment = new Dictionary<string, string?>
            {
                ["services__dotnet-inproc__http__0"] = good.Url.ToString(),
                ["services__python-baseline__http__0"] = FakeExecutor.ClosedPort().ToString(),
                ["BENCH_UNAVAILABLE__python-langgraph"] = "pip install -r requirements/langgraph.txt failed: no package index",
                ["BENCH_UNAVAILABLE__dotnet-temporal"] = "no Temporal server",
            };
            var progress = new RecordingProgress();
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(TinyConfig, new RunOptions
            {
                OutputRoot = output.FullName, HealthWaitSeconds = 0.3, Environment = environment, RequireAll = true,
            }, progress, metrics);

            var code = await suite.RunAsync(TestContext.Current.CancellationToken);

            Assert.Equal(ExitCodes.Unavailable, code);
            Assert.Equal(3, ExitCodes.Unavailable);
            var verdict = Assert.Single(progress.Messages, m => m.StartsWith("--require-all:", StringComparison.Ordinal));
            Assert.Contains("3 executor(s) unavailable", verdict);
            Assert.Contains("dotnet-temporal (no Temporal server)", verdict);
            Assert.Contains("python-langgraph (pip install -r requirements/langgraph.txt failed: no package index)", verdict);
            Assert.Contains("python-baseline (not healthy within 0.3 s", verdict);
            Assert.DoesNotContain("dotnet-inproc", verdict);

            Assert.Equal(0, good.Runs); // nothing measured, not even the one that was there
            var results = ResultsJson.Read(suite.ResultsDirectory!);
            Assert.Equal("failed", results.Status);
            Assert.Empty(results.Scenarios);
            Assert.Equal(["dotnet-temporal", "dotnet-inproc", "python-baseline", "python-langgraph"], results.Executors.Select(e => e.Name));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_every_executor_available_require_all_measures_as_usual()
    {
        await using var good = await FakeExecutor.StartAsync("good");
        var output = Directory.CreateTempSubdirectory("ld-require-all-ok-");
        try
        {
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(TinyConfig, new RunOptions
            {
                ExecutorFlags = [$"good={good.Url}"], OutputRoot = output.FullName, HealthWaitSeconds = 5,
                Environment = new Dictionary<string, string?>(), RequireAll = true,
            }, SilentProgress.Instance, metrics);

            Assert.Equal(ExitCodes.Ok, await suite.RunAsync(TestContext.Current.CancellationToken));
            Assert.True(good.Runs >= 6);
            Assert.Equal("complete", ResultsJson.Read(suite.ResultsDirectory!).Status);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_flag_reaches_the_run_options_and_is_off_by_default()
    {
        Assert.True(new RunSettings { RequireAll = true }.ToOptions(null).RequireAll);
        Assert.False(new RunSettings().ToOptions(null).RequireAll);
    }

    private sealed class RecordingProgress : IRunProgress, IProgressPhase
    {
        public List<string> Messages { get; } = [];
        public IProgressPhase Begin(string executor, string label, long total) => this;
        public void Message(string text) { lock (Messages) Messages.Add(text); }
        public void Update(long done, LiveSnapshot live, bool warmup) { }
        public void Complete(string summary) { }
        public void Dispose() { }
    }
}
