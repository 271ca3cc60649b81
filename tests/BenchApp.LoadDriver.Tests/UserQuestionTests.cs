using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.ColdStart;
using BenchApp.LoadDriver.Comparison;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using BenchApp.LoadDriver.Suite;
using static BenchApp.LoadDriver.Tests.TestResults;

namespace BenchApp.LoadDriver.Tests;

/// <summary>The figures users ask about, on fixed inputs: state growth fits, efficiency, builds, cold start, plans, compare.</summary>
public sealed class UserQuestionTests
{
    private static long[] Point(long turn, long turnBytes, long session, long events = -1) => [turn, turnBytes, session, events];

    [Fact]
    public void A_history_rewritten_whole_each_turn_grows_linearly_and_reaches_redis_limit_late()
    {
        // 200 bytes per turn, the whole value written each time: stored size linear, written bytes = stored size.
        var points = Enumerable.Range(1, 40).Select(t => Point(t, 200L * t, 200L * t)).ToList();

        var fit = StateGrowthFit.Fit(points, "redis");

        Assert.Equal(1.0, fit.SessionExponent!.Value, 3);
        Assert.Equal(200, fit.SessionBytesPerTurn!.Value, 1);
        Assert.Equal(200L, fit.FirstTurnBytes);
        Assert.Equal(8000L, fit.LastTurnBytes);
        Assert.Equal("Redis 512 MB per value", fit.Limit);
        Assert.Equal((long)Math.Ceiling(StateGrowthFit.RedisValueLimitBytes / 200.0), fit.LimitTurn);
    }

    [Fact]
    public void A_checkpointer_keeping_every_step_grows_quadratically_and_reaches_the_limit_much_sooner()
    {
        // Every turn stores a full copy of the history so far (100 bytes per turn of history): S(t) = 50 t (t + 1).
        var points = Enumerable.Range(1, 200).Select(t => Point(t, 100L * t, 50L * t * (t + 1))).ToList();

        var fit = StateGrowthFit.Fit(points, "temporal");

        Assert.InRange(fit.SessionExponent!.Value, 1.85, 2.0);
        Assert.Equal("Temporal 50 MB history", fit.Limit);
        Assert.InRange(fit.LimitTurn!.Value, 800, 1500); // sqrt(50 MiB / 50) ~ 1024
    }

    [Fact]
    public void Temporal_events_give_the_turn_of_the_event_limit()
    {
        // 12 events per turn: the 51,200-event limit at turn ~4,267.
        var points = Enumerable.Range(1, 20).Select(t => Point(t, 1000, 1000L * t, 12L * t)).ToList();

        var fit = StateGrowthFit.Fit(points, "temporal");

        Assert.Equal(240L, fit.EventsEnd);
        Assert.Equal(20 + (long)Math.Ceiling((51_200 - 240) / 12.0), fit.EventsLimitTurn);
    }

    [Fact]
    public void An_executor_that_sends_null_state_gets_no_figures_and_a_note()
    {
        var fit = StateGrowthFit.Fit([Point(1, -1, -1), Point(2, -1, -1)], "redis");

        Assert.Equal(0, fit.TurnsReported);
        Assert.Null(fit.SessionExponent);
        Assert.Null(fit.LimitTurn);
        Assert.Equal("the executor does not report state_bytes.session", fit.Note);
        Assert.Null(StateGrowthFit.LimitOf("memory"));
    }

    [Fact]
    public void Cpu_per_run_is_cpu_time_over_runs_and_memory_is_per_concurrent_session()
    {
        var usage = new ResourceUsage { CpuMs = 250, RssPeakKb = 100 * 1024, PeakSource = "vmhwm" };

        Assert.Equal(new Efficiency(2.5, 1024), Efficiency.From(usage, runs: 100, concurrentSessions: 100));
        Assert.Equal(new Efficiency(2.5, null), Efficiency.From(usage, runs: 100, concurrentSessions: null));
        Assert.Null(Efficiency.From(usage, runs: 0, concurrentSessions: 1));
        Assert.Null(Efficiency.From(null, runs: 10, concurrentSessions: 1));
    }

    [Fact]
    public void The_build_flavor_comes_from_the_compiled_assembly()
    {
        var assembly = typeof(UserQuestionTests).Assembly;
        var configuration = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

        // The JIT-optimizer flag and the configuration name agree for this repository's builds.
        Assert.Equal(configuration == "Debug" ? BuildFlavor.Debug : BuildFlavor.Release, BuildFlavor.Of(assembly));
        // The runtime's own libraries are always optimized.
        Assert.Equal(BuildFlavor.Release, BuildFlavor.Of(typeof(object).Assembly));
    }

    [Fact]
    public void A_run_that_measured_debug_code_says_which_parts()
    {
        var results = With(Scenario("dotnet-inproc", "simple-chat", [1, 2, 3])) with
        {
            Builds = new BuildsResult { Driver = BuildFlavor.Release, Mock = BuildFlavor.Debug },
            Executors =
            [
                new ExecutorResult { Name = "dotnet-inproc", Source = "flag", Available = true, Info = Info("dotnet-inproc", BuildFlavor.Debug) },
                new ExecutorResult { Name = "python-baseline", Source = "flag", Available = true, Info = Info("python-baseline", null) },
            ],
        };

        Assert.Equal(["the mock LLM", "dotnet-inproc"], BuildsResult.DebugParts(results));
        Assert.StartsWith("DEBUG BUILD measured: the mock LLM, dotnet-inproc.", BuildCheck.Warning(results));
        Assert.StartsWith("# Benchmark results\n\n> **DEBUG BUILD measured:", Reports.MarkdownReport.Render(results, []).ReplaceLineEndings("\n"));

        var release = results with { Builds = results.Builds! with { Mock = BuildFlavor.Release }, Executors = [results.Executors[1]] };
        Assert.Null(BuildCheck.Warning(release));
        Assert.DoesNotContain("DEBUG", Reports.MarkdownReport.Render(release, []));
    }

    [Fact]
    public void Cold_start_gives_median_and_max_and_is_measured_only_when_every_start_answered()
    {
        var r = new ColdStartResult
        {
            Executor = "x", Status = ColdStartProbe.Failed, Starts = 3,
            Runs = [new(100, 150, 50_000), new(300, 420, 52_000), new(200, 260, 51_000)],
        };

        var all = ColdStartProbe.Summarise(r, 3);
        Assert.Equal(ColdStartProbe.Measured, all.Status);
        Assert.Equal((200.0, 300.0, 260.0, 420.0, 51_000L, 52_000L),
            (all.HealthMsMedian!.Value, all.HealthMsMax!.Value, all.FirstReplyMsMedian!.Value, all.FirstReplyMsMax!.Value, all.RssKbMedian!.Value, all.RssKbMax!.Value));

        var partial = ColdStartProbe.Summarise(r with { Runs = r.Runs.Take(2).ToList() }, 3);
        Assert.Equal(ColdStartProbe.Failed, partial.Status);
        Assert.Equal(200, partial.HealthMsMedian);
    }

    [Fact]
    public void An_executor_without_a_launch_command_is_not_launched()
    {
        var config = new BenchmarkConfig();
        Assert.Null(LaunchEnvironment.CannotLaunch(config, "dotnet-inproc", new Dictionary<string, string?>()));
        Assert.Equal("TEMPORAL_ADDRESS not set (needed to start dotnet-temporal)", LaunchEnvironment.CannotLaunch(config, "dotnet-temporal", new Dictionary<string, string?>()));
        Assert.Equal("no start command configured (crash_recovery.executors.no-such-executor)", LaunchEnvironment.CannotLaunch(config, "no-such-executor", new Dictionary<string, string?>()));

        var env = LaunchEnvironment.For(new Dictionary<string, string?> { ["A"] = "1", ["B"] = null }, new Uri("http://127.0.0.1:9/"), "x-cold-start",
            new Dictionary<string, string> { ["WORKERS"] = "2" });
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["LLM_BASE_URL"] = "http://127.0.0.1:9/v1", ["OTEL_SERVICE_NAME"] = "x-cold-start", ["WORKERS"] = "2" }, env);
    }

    [Fact]
    public void The_end_to_end_plans_are_the_seeds_five_scenarios_at_the_realistic_profile()
    {
        var config = ConfigLoader.LoadFile(BenchApp.TestSupport.RepoPaths.Combine("benchmark-config.yaml"));

        var full = MeasurementPlanner.EndToEnd(config, new RunOptions());
        Assert.Equal(ScenarioCatalog.Names, full.Select(p => p.Name));
        Assert.All(full, p => Assert.Equal("realistic", p.LatencyProfile));
        Assert.Equal([20, 20, 20, 20, 300], full.Select(p => p.Iterations));
        Assert.Equal(100, full[4].Concurrency);
        Assert.Equal(100, full[4].Warmup); // one per worker
        Assert.Equal([5, 5, 5, 5, 200], MeasurementPlanner.EndToEnd(config, new RunOptions { Quick = true }).Select(p => p.Iterations));
        Assert.Empty(MeasurementPlanner.EndToEnd(config, new RunOptions { Scenarios = ["simple-chat"] }));
        Assert.Empty(MeasurementPlanner.EndToEnd(config, new RunOptions { Latency = "realistic" }));
        Assert.Empty(MeasurementPlanner.EndToEnd(config with { EndToEnd = config.EndToEnd with { Enabled = false } }, new RunOptions()));

        Assert.Equal(5, MeasurementPlanner.ColdStarts(config, new RunOptions()));
        Assert.Equal(3, MeasurementPlanner.ColdStarts(config, new RunOptions { Quick = true }));
        Assert.Equal(0, MeasurementPlanner.ColdStarts(config, new RunOptions { Scenarios = ["simple-chat"] }));
    }

    [Fact]
    public void The_new_config_keys_are_read_and_checked()
    {
        var config = ConfigLoader.Parse("""
            cold_start: { enabled: false, starts: 7, quick_starts: 2, timeout_seconds: 30s }
            end_to_end: { latency: zero, iterations: 3, warmup: 0, concurrent_iterations: 50, quick_iterations: 1, quick_concurrent_iterations: 10 }
            sweep: { per_core_workers: false }
            compare: { cpu_noise_floor_ms: 0.2, gate_cold_start: true }
            """);
        Assert.Equal(new ColdStartConfig { Enabled = false, Starts = 7, QuickStarts = 2, TimeoutSeconds = 30 }, config.ColdStart);
        Assert.Equal(new EndToEndConfig { Latency = "zero", Iterations = 3, Warmup = 0, ConcurrentIterations = 50, QuickIterations = 1, QuickConcurrentIterations = 10 }, config.EndToEnd);
        Assert.False(config.Sweep.PerCoreWorkers);
        Assert.Equal((0.2, true), (config.Compare.CpuNoiseFloorMs, config.Compare.GateColdStart));

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("end_to_end: { latency: warp }\ncold_start: { starts: 0 }\n"));
        Assert.Contains(e.Errors, x => x.Contains("end_to_end.latency: unknown latency profile 'warp'", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Contains("cold_start.starts", StringComparison.Ordinal));
    }

    [Fact]
    public void Cpu_per_run_is_gated_like_latency_and_cold_start_is_only_reported()
    {
        var settings = new CompareConfig { ThresholdPercent = 5, NoiseFloorMs = 0.5, CpuNoiseFloorMs = 0.05 };
        ScenarioResult WithCpu(double cpu) => Scenario("x", "simple-chat", Enumerable.Repeat(1.0, 1000).ToArray()) with { Efficiency = new Efficiency(cpu, null) };
        BenchmarkResults Run(double cpu, double coldMs) => With(WithCpu(cpu)) with
        {
            ColdStart = [new ColdStartResult { Executor = "x", Status = ColdStartProbe.Measured, FirstReplyMsMedian = coldMs }],
        };

        var rows = EfficiencyComparer.Compare(Run(1.0, 1000), Run(1.5, 2000), settings);
        var cpu = rows.Single(r => r.Metric == "CPU (ms/run)");
        Assert.Equal((Verdict.Regression, true), (cpu.Verdict, cpu.Gated));
        var cold = rows.Single(r => r.Subject == "cold start");
        Assert.Equal((Verdict.Regression, false), (cold.Verdict, cold.Gated));
        Assert.Contains("reported, not gated", EfficiencyComparer.Render(rows));

        // Within the threshold, or below two ticks over the runs (20 ms / 1000 runs = 0.02 ms, floor 0.05): same.
        Assert.Equal(Verdict.Same, EfficiencyComparer.Compare(Run(1.0, 1000), Run(1.04, 1000), settings).Single(r => r.Gated).Verdict);
        Assert.Equal(Verdict.Same, EfficiencyComparer.Compare(Run(0.1, 1000), Run(0.14, 1000), settings).Single(r => r.Gated).Verdict);
        Assert.Equal(Verdict.Improvement, EfficiencyComparer.Compare(Run(1.5, 1000), Run(1.0, 1000), settings).Single(r => r.Gated).Verdict);
        Assert.True(EfficiencyComparer.Compare(Run(1, 1000), Run(1, 3000), settings with { GateColdStart = true }).Single(r => r.Subject == "cold start").Gated);
    }

    [Fact]
    public void The_durability_setting_is_read_from_the_info_settings()
    {
        var info = Info("python-langgraph", null) with
        {
            Settings = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["recursion_limit"] = System.Text.Json.JsonDocument.Parse("25").RootElement,
                ["durability"] = System.Text.Json.JsonDocument.Parse("\"async\"").RootElement,
            },
        };
        Assert.Equal("durability=async", CrashRecoveryScenario.DurabilitySetting(info));
        Assert.Null(CrashRecoveryScenario.DurabilitySetting(Info("dotnet-inproc", BuildFlavor.Release)));
    }

    private static ExecutorInfo Info(string name, string? build) => new()
    {
        Executor = name, Language = build is null ? "python" : "csharp", RuntimeVersion = "1", Framework = "none", FrameworkVersion = "-",
        Durable = false, StateStore = "redis", Pid = 1, Build = build,
    };
}
