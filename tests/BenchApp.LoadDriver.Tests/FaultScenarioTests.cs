using System.Diagnostics;
using System.Net;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BenchApp.LoadDriver.Tests;

/// <summary>The parts of dependency-fault, soak, interrupted runs and health waits that are pure logic or need only a socket.</summary>
public sealed class FaultScenarioTests
{
    private static ConfigException Invalid(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml));

    [Fact]
    public void The_dependency_fault_and_soak_blocks_are_read_and_checked()
    {
        var config = ConfigLoader.Parse("""
            dependency_fault: { enabled: false, pause_seconds: 3s, concurrency: 4, warmup_turns: 2, recovery_seconds: 20, good_streak: 5, max_answer_seconds: 10 }
            soak: { enabled: false, duration: 15m, peak_share: 0.25, fallback_rps: 7, max_in_flight: 50, scenario: simple-chat }
            """);
        Assert.Equal(new DependencyFaultConfig { Enabled = false, PauseSeconds = 3, Concurrency = 4, WarmupTurns = 2, RecoverySeconds = 20, GoodStreak = 5, MaxAnswerSeconds = 10 }, config.DependencyFault);
        Assert.Equal(new SoakConfig { Enabled = false, DurationSeconds = 900, PeakShare = 0.25, FallbackRps = 7, MaxInFlight = 50, Scenario = "simple-chat" }, config.Soak);

        var repo = ConfigLoader.LoadFile(RepoPaths.Combine("benchmark-config.yaml"));
        Assert.Equal((5.0, 600.0), (repo.DependencyFault.PauseSeconds, repo.Soak.DurationSeconds));

        Assert.Contains("dependency_fault.concurrency", Invalid("dependency_fault: { concurrency: 0 }").Message);
        Assert.Contains("dependency_fault.pause", Invalid("dependency_fault: { pause: 3 }").Message);
        Assert.Contains("soak.duration", Invalid("soak: { duration: 30s }").Message);
        Assert.Contains("soak.peak_share", Invalid("soak: { peak_share: 2 }").Message);
        Assert.Contains("soak.scenario", Invalid("soak: { scenario: nope }").Message);
    }

    [Fact]
    public void Both_run_in_the_full_suite_but_not_in_quick_unless_named()
    {
        var config = new BenchmarkConfig();
        Assert.Contains(RecoveryScenarios.DependencyFault, Suite.SuitePlanner.Recovery(config, new Suite.RunOptions()));
        Assert.Contains(RecoveryScenarios.Soak, Suite.SuitePlanner.Recovery(config, new Suite.RunOptions()));
        Assert.Empty(Suite.SuitePlanner.Recovery(config, new Suite.RunOptions { Quick = true }));
        Assert.Equal([RecoveryScenarios.Soak], Suite.SuitePlanner.Recovery(config, new Suite.RunOptions { Quick = true, Scenarios = ["soak"] }));
        var off = config with { Soak = new SoakConfig { Enabled = false }, DependencyFault = new DependencyFaultConfig { Enabled = false } };
        Assert.DoesNotContain(RecoveryScenarios.Soak, Suite.SuitePlanner.Recovery(off, new Suite.RunOptions()));
        Assert.DoesNotContain(RecoveryScenarios.DependencyFault, Suite.SuitePlanner.Recovery(off, new Suite.RunOptions()));
    }

    [Fact]
    public void The_timeline_splits_the_pause_from_after_and_times_the_first_correct_reply()
    {
        var f = Stopwatch.Frequency;
        long S(double seconds) => (long)(seconds * f);
        var timeline = new DependencyFaultScenario.Timeline(goodStreak: 2);
        var pauseEnd = S(5);
        var named = "HTTP 503: {\"type\":\"https://benchapp.dev/problems/dependency-unavailable\",\"status\":503,\"dependency\":\"redis\"}";
        timeline.Add(new(S(0.1), S(2.1), "503", named), pauseEnd);
        timeline.Add(new(S(2.2), S(4.2), "503", "HTTP 503: unnamed"), pauseEnd);
        timeline.Add(new(S(4.3), S(9.3), "500", "HTTP 500: Internal error"), pauseEnd); // the longest, and not a 503
        timeline.Add(new(S(5.5), S(5.6), "timeout", "no reply"), pauseEnd);
        Assert.False(timeline.Recovered);
        timeline.Add(new(S(5.7), S(6.0), "200", null), pauseEnd);
        timeline.Add(new(S(6.1), S(6.2), "200", null), pauseEnd);
        Assert.True(timeline.Recovered);

        var row = timeline.Summarise(new DependencyFaultResult { Executor = "x", Status = "measured" }, 0, pauseEnd);
        Assert.Equal(3, row.DuringRequests);
        Assert.Equal(new Dictionary<string, long> { ["500"] = 1, ["503"] = 2 }, row.DuringByOutcome);
        Assert.Equal(1, row.DependencyNamed);
        Assert.Equal((5000.0, "500"), (row.LongestAnswerMs!.Value, row.LongestAnswerOutcome));
        Assert.Equal(2, row.OtherErrors);
        Assert.Equal(3, row.AfterRequests);
        Assert.Equal(1000.0, row.RecoveryMs!.Value, 1);
        Assert.True(row.Recovered);
    }

    [Fact]
    public void The_soak_rate_is_a_share_of_the_higher_measured_peak_and_the_slope_is_least_squares()
    {
        var results = TestResults.With(TestResults.Scenario("a", "concurrent", [1, 2, 3]) with { ThroughputRps = 80 }) with
        {
            Sweep = [new SweepPoint { Executor = "a", Scenario = "concurrent", Concurrency = 10, ThroughputRps = 120 }],
        };
        var settings = new SoakConfig { PeakShare = 0.5, FallbackRps = 9 };
        Assert.Equal((60.0, "sweep", (double?)120), SoakScenario.Rate("a", results, settings));
        Assert.Equal((9.0, "configured", (double?)null), SoakScenario.Rate("b", results, settings));

        // 1 MiB per minute, with noise around the line: 60 MiB/h.
        var series = Enumerable.Range(0, 121).Select(i => (i * 1.0, 100_000L + (long)(i * 1024 / 60.0) + (i % 2 == 0 ? 30 : -30))).ToList();
        Assert.Equal(60.0, SoakScenario.SlopeKbPerSecond(series)!.Value * 3600 / 1024, 0);
        Assert.Equal(0.0, SoakScenario.SlopeKbPerSecond([(0, 5000), (10, 5000), (20, 5000)])!.Value);
        Assert.Null(SoakScenario.SlopeKbPerSecond([(3, 5000)]));
    }

    [Fact]
    public void Health_bodies_say_what_fails()
    {
        Assert.Equal("redis: redis did not answer within 2 s.",
            HealthDetail.Describe("""{"status":"unhealthy","failing":["redis"],"checks":{"llm":"ok","redis":"redis did not answer within 2 s."}}"""));
        Assert.Equal("llm; temporal: no frontend", HealthDetail.Describe("""{"failing":["llm","temporal"],"checks":{"temporal":"no frontend"}}"""));
        Assert.Equal("Unhealthy", HealthDetail.Describe("Unhealthy"));
        Assert.Null(HealthDetail.Describe(""));
    }

    [Fact]
    public async Task Waiting_for_an_unhealthy_executor_says_whom_and_why()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Json(new { status = "unhealthy", failing = new[] { "redis" }, checks = new { llm = "ok", redis = "redis refused the connection." } }, statusCode: 503));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var lines = new List<string>();

        var status = await ExecutorProbe.ProbeAsync(http, new ExecutorTarget("stuck", new Uri(app.Urls.First() + "/"), "flag"), TimeSpan.FromSeconds(1.2),
            TestContext.Current.CancellationToken, line => { lock (lines) lines.Add(line); }, TimeSpan.FromMilliseconds(300));

        Assert.False(status.Available);
        Assert.Contains("(redis: redis refused the connection.)", status.Reason);
        Assert.InRange(lines.Count, 2, 5);
        Assert.All(lines, l => Assert.Matches(@"^Waiting for stuck to be healthy \(\d+ s of 1 s\): GET \S+health answered 503 \(redis: redis refused the connection\.\)$", l));
    }

    [Fact]
    public async Task Runs_started_in_the_same_second_get_their_own_folders()
    {
        var root = Directory.CreateTempSubdirectory("ld-dirs-");
        try
        {
            var at = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
            var made = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ResultsWriter.CreateRunDirectory(root.FullName, at))));
            Assert.Equal(16, made.Distinct().Count());
            Assert.Contains(Path.Combine(root.FullName, "20261202T080000Z"), made);
            Assert.Contains(Path.Combine(root.FullName, "20261202T080000Z-16"), made);
            Assert.All(made, d => Assert.True(File.Exists(Path.Combine(d, ResultsWriter.ClaimFileName))));
            Assert.Equal(16, Directory.GetDirectories(root.FullName).Length); // no staging folder left behind
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
