using BenchApp.Contracts.Executors;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Tests;

/// <summary>The recovery scenarios' arithmetic and verdicts, their config keys and when the suite runs them.</summary>
public sealed class RecoveryLogicTests
{
    private static TimedOutcome Ok(double start, double end) => new(start, end, ErrorKind.None);
    private static TimedOutcome Bad(double start, double end, ErrorKind kind = ErrorKind.Status) => new(start, end, kind);

    [Fact]
    public void Recovery_is_the_arrival_of_the_first_reply_of_the_first_full_good_streak()
    {
        // Fails, one good reply, fails again, then three good replies: the lone good reply is not a recovery.
        TimedOutcome[] turns = [Bad(0, 700), Ok(700, 710), Bad(710, 900, ErrorKind.Timeout), Ok(900, 950), Ok(950, 960), Ok(960, 970)];
        Assert.Equal(3, RecoveryTimeline.StreakStart(turns, 3));
        Assert.Equal(950, RecoveryTimeline.RecoveryMs(turns, 3));
        Assert.Equal(710, RecoveryTimeline.RecoveryMs(turns, 1));
        Assert.True(RecoveryTimeline.Done(turns, 3));
        Assert.False(RecoveryTimeline.Done(turns[..5], 3));
    }

    [Fact]
    public void Without_a_full_streak_there_is_no_recovery_time()
    {
        TimedOutcome[] turns = [Bad(0, 10), Ok(10, 20), Ok(20, 30), Bad(30, 40, ErrorKind.WrongAnswer), Ok(40, 50)];
        Assert.Null(RecoveryTimeline.RecoveryMs(turns, 3));
        Assert.Null(RecoveryTimeline.RecoveryMs([], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryTimeline.StreakStart(turns, 0));
    }

    [Fact]
    public void Retries_are_llm_requests_beyond_one_per_turn()
    {
        Assert.Equal(2, RecoveryTimeline.Retries(llmRequests: 5, turnsThatReachedTheLlm: 3));
        Assert.Equal(0, RecoveryTimeline.Retries(llmRequests: 3, turnsThatReachedTheLlm: 3));
        Assert.Equal(0, RecoveryTimeline.Retries(llmRequests: 1, turnsThatReachedTheLlm: 3));
    }

    private static readonly CrashObservation NonDurable = new()
    {
        InFlightError = ErrorKind.Protocol, InFlightEndMs = 2, InFlightLlmCalls = 2, ExpectedLlmCalls = 5,
        HealthyMs = 1500, ContinuationError = ErrorKind.None, ContinuationStatus = 200, ContinuationEndMs = 1800,
    };

    [Fact]
    public void A_lost_turn_with_a_surviving_session_recovers_at_the_next_correct_reply()
    {
        var v = CrashVerdict.Decide(NonDurable);
        Assert.Equal(new CrashVerdictResult(CrashVerdict.Failed, CrashVerdict.Survived, true, 1800), v);
    }

    [Fact]
    public void A_durable_executor_that_finished_the_turn_after_the_restart_is_told_apart()
    {
        var v = CrashVerdict.Decide(NonDurable with { InFlightLlmCalls = 5 });
        Assert.Equal(CrashVerdict.CompletedAfterRestart, v.InFlightTurn);
        // A reply that arrived before the kill means the kill came too late, whatever happened next.
        Assert.Equal(CrashVerdict.CompletedBeforeKill, CrashVerdict.Decide(NonDurable with { InFlightError = ErrorKind.None, InFlightEndMs = -5 }).InFlightTurn);
    }

    [Fact]
    public void A_session_that_is_gone_or_broken_is_not_a_recovery()
    {
        var lost = CrashVerdict.Decide(NonDurable with { ContinuationError = ErrorKind.Status, ContinuationStatus = 404 });
        Assert.Equal((CrashVerdict.Lost, false, (double?)null), (lost.Session, lost.Recovered, lost.RecoveryMs));
        Assert.Equal(CrashVerdict.Broken, CrashVerdict.Decide(NonDurable with { ContinuationError = ErrorKind.Status, ContinuationStatus = 500 }).Session);
        Assert.Equal(CrashVerdict.Broken, CrashVerdict.Decide(NonDurable with { ContinuationError = ErrorKind.WrongAnswer }).Session);
        var notRestarted = CrashVerdict.Decide(NonDurable with { HealthyMs = null, ContinuationError = null, ContinuationEndMs = null });
        Assert.Equal((CrashVerdict.NotTried, false), (notRestarted.Session, notRestarted.Recovered));
    }

    [Fact]
    public void The_recovery_keys_are_read()
    {
        var config = ConfigLoader.Parse("""
            error_recovery:
              enabled: false
              fault_count: 2
              kinds: [hang, error]
              retry_after_seconds: 0.5
              hang_ms: 800
              good_streak: 4
              max_requests: 9
              max_seconds: 20s
            crash_recovery:
              tool_calls: 6
              tool_delay_ms: 300
              kill_after_seconds: 1.5
              recovery_seconds: 1m
              executors:
                dotnet-inproc:
                  command: dotnet
                  args: [x.dll, --urls, "http://127.0.0.1:{port}"]
                  cwd: somewhere
                  env: { A: b, CLEARED: "" }
                  requires_env: [TEMPORAL_ADDRESS]
            """);
        var e = config.ErrorRecovery;
        Assert.Equal((false, 2, 0.5, 800, 4, 9, 20.0), (e.Enabled, e.FaultCount, e.RetryAfterSeconds, e.HangMs, e.GoodStreak, e.MaxRequests, e.MaxSeconds));
        Assert.Equal(["hang", "error"], e.Kinds);
        var c = config.CrashRecovery;
        Assert.Equal((true, 6, 300, 1.5, 60.0), (c.Enabled, c.ToolCalls, c.ToolDelayMs, c.KillAfterSeconds, c.RecoverySeconds));
        var launch = c.Executors["dotnet-inproc"];
        Assert.Equal(("dotnet", "somewhere", "b", ""), (launch.Command, launch.WorkingDirectory, launch.Environment["A"], launch.Environment["CLEARED"]));
        Assert.Equal(["x.dll", "--urls", "http://127.0.0.1:{port}"], launch.Args);
        Assert.Equal(["TEMPORAL_ADDRESS"], launch.RequiresEnv);

        // The others keep the catalogue's launch; without the sections every catalogue executor has one.
        Assert.Equal(ExecutorLaunchConfig.Defaults["python-baseline"], c.Executors["python-baseline"]);
        var defaults = ConfigLoader.Parse("seed: 1");
        Assert.Equal(ExecutorCatalog.Names.Order(), defaults.CrashRecovery.Executors.Keys.Order());
        Assert.Equal(["error", "rate_limit", "hang"], defaults.ErrorRecovery.Kinds);
    }

    [Fact]
    public void Bad_recovery_keys_are_named_with_their_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""
            error_recovery:
              kinds: [error, boom]
              good_streak: 5
              max_requests: 2
              colour: red
            crash_recovery:
              executors:
                dotnet-inproc: { args: [a] }
                Bad_Name: { command: x }
                python-baseline: { command: p, env: { PORT: [1] } }
              kill_after_seconds: 0
            """));
        Assert.Collection(e.Errors,
            x => Assert.Contains(":2:18: error_recovery.kinds[1]: must be one of error, rate_limit, hang, got 'boom'", x),
            x => Assert.Contains(":2:3: error_recovery.max_requests: must be at least good_streak (5), got 2", x),
            x => Assert.Contains(":5:3: error_recovery.colour: unknown key 'colour'", x),
            x => Assert.Contains(":8:20: crash_recovery.executors.dotnet-inproc: 'command' is required", x),
            x => Assert.Contains(":9:15: crash_recovery.executors.Bad_Name: executor names are lowercase", x),
            x => Assert.Contains(":10:49: crash_recovery.executors.python-baseline.env.PORT: must be a string", x),
            x => Assert.Contains(":11:23: crash_recovery.kill_after_seconds:", x));
    }

    [Fact]
    public void The_full_suite_runs_both_recovery_scenarios_quick_runs_only_the_named_ones()
    {
        var config = new BenchmarkConfig();
        Assert.Equal(["error-recovery", "crash-recovery", "dependency-fault", "soak"], SuitePlanner.Recovery(config, new RunOptions()));
        Assert.Empty(SuitePlanner.Recovery(config, new RunOptions { Quick = true }));
        Assert.Equal(["crash-recovery"], SuitePlanner.Recovery(config, new RunOptions { Quick = true, Scenarios = ["crash-recovery"] }));
        Assert.Empty(SuitePlanner.Recovery(config, new RunOptions { Scenarios = ["simple-chat"] }));
        var disabled = config with { ErrorRecovery = new ErrorRecoveryConfig { Enabled = false } };
        Assert.Equal(["crash-recovery", "dependency-fault", "soak"], SuitePlanner.Recovery(disabled, new RunOptions()));
        Assert.Equal(["error-recovery"], SuitePlanner.Recovery(disabled, new RunOptions { Scenarios = ["error-recovery"] }));

        // Named recovery scenarios are valid --scenario values and add no measured scenario.
        var options = new RunOptions { Scenarios = ["error-recovery", "simple-chat"] };
        SuitePlanner.Effective(config, options);
        Assert.Equal(["simple-chat"], SuitePlanner.Scenarios(config, options).Select(p => p.Name));
    }

    [Fact]
    public void Executors_without_a_start_command_or_their_environment_are_not_measured()
    {
        var config = new BenchmarkConfig();
        using var http = new HttpClient();
        CrashRecoveryScenario Scenario(Dictionary<string, string?> env) =>
            new(http, http, null, null, config, env, ".", SilentProgress.Instance);

        var bare = Scenario([]);
        Assert.Equal("no start command configured (crash_recovery.executors.no-such-executor)", bare.NotMeasuredReason("no-such-executor"));
        // A framework executor whose venv was never built: not launched, and the row says which file is missing.
        Assert.EndsWith("python-executors/.venvs/python-langgraph/bin/python not found (a Python executor's venv is built by the AppHost's first run)", bare.NotMeasuredReason("python-langgraph"));
        Assert.Equal("TEMPORAL_ADDRESS not set (needed to start dotnet-temporal)", bare.NotMeasuredReason("dotnet-temporal"));
        Assert.Null(Scenario(new() { ["TEMPORAL_ADDRESS"] = "localhost:7233" }).NotMeasuredReason("dotnet-temporal"));
        Assert.Null(bare.NotMeasuredReason("dotnet-inproc"));
    }

    [Fact]
    public void The_repository_config_starts_the_executors_built_here_as_the_defaults_do()
    {
        var config = ConfigLoader.LoadFile(BenchApp.TestSupport.RepoPaths.Combine("benchmark-config.yaml"));
        foreach (var (name, launch) in ExecutorLaunchConfig.Defaults)
        {
            var fromFile = config.CrashRecovery.Executors[name];
            Assert.Equal((launch.Command, launch.WorkingDirectory), (fromFile.Command, fromFile.WorkingDirectory));
            Assert.Equal(launch.Args, fromFile.Args);
            Assert.Equal(launch.Environment, fromFile.Environment);
            Assert.Equal(launch.RequiresEnv, fromFile.RequiresEnv);
        }
        Assert.Equal(ExecutorLaunchConfig.Defaults.Keys.Order(), config.CrashRecovery.Executors.Keys.Order());
        Assert.Equal(new ErrorRecoveryConfig().Kinds, config.ErrorRecovery.Kinds);
        Assert.True(config.ErrorRecovery.Enabled && config.CrashRecovery.Enabled);
    }

    [Fact]
    public async Task A_start_command_that_cannot_run_is_a_failed_row_and_an_unlisted_executor_is_not_measured()
    {
        var config = new BenchmarkConfig
        {
            CrashRecovery = new CrashRecoveryConfig
            {
                Executors = new Dictionary<string, ExecutorLaunchConfig> { ["dotnet-inproc"] = new() { Command = "/nonexistent/benchapp-executor" } },
            },
        };
        using var http = new HttpClient();
        var scenario = new CrashRecoveryScenario(http, http, null, null, config, new Dictionary<string, string?>(), Path.GetTempPath(), SilentProgress.Instance);

        var failed = await scenario.RunAsync("dotnet-inproc", TestContext.Current.CancellationToken);
        Assert.Equal(CrashRecoveryScenario.Failed, failed.Status);
        Assert.Contains("benchapp-executor", failed.Reason);
        Assert.Null(failed.KilledPid);

        var skipped = await scenario.RunAsync("python-baseline", TestContext.Current.CancellationToken);
        Assert.Equal((CrashRecoveryScenario.NotMeasured, "no start command configured (crash_recovery.executors.python-baseline)"), (skipped.Status, skipped.Reason));
    }
}
