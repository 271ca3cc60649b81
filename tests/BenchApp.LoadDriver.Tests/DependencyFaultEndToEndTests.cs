using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;
using BenchApp.TestSupport;

namespace BenchApp.LoadDriver.Tests;

/// <summary>
/// dependency-fault against a real redis-server frozen by the driver (CLIENT PAUSE), the real mock LLM, dotnet-inproc
/// and (when present) python-baseline: both answer the pause with bounded 503s naming redis, no other error, and a
/// correct reply soon after it. And soak, briefly, against an in-process executor: the rows and the report.
/// </summary>
public sealed class DependencyFaultEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_frozen_redis_gets_bounded_503s_naming_it_and_replies_right_after_the_pause()
    {
        if (ExecutorProcess.DotnetUnavailableReason() is { } noExecutors) Assert.Skip(noExecutors);
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        if (MockLlmServer.UnavailableReason() is { } noMock) Assert.Skip(noMock);
        var withPython = ExecutorProcess.PythonBaselineUnavailableReason() is null;

        await using var redis = await RedisServer.StartAsync();
        await using var mock = await MockLlmServer.StartAsync();
        var llm = mock.OpenAiBaseUri.ToString().TrimEnd('/');
        var work = Directory.CreateTempSubdirectory("ld-depfault-");
        var executors = new List<ChildProcess>();
        try
        {
            var env = ExecutorProcess.Environment(redis.ConnectionString, llm);
            var inprocPort = FreePort.Get();
            executors.Add(ExecutorProcess.StartDotnet("inproc", inprocPort, env));
            var flags = new List<string> { $"dotnet-inproc=http://127.0.0.1:{inprocPort}" };
            if (withPython)
            {
                var pythonPort = FreePort.Get();
                executors.Add(ExecutorProcess.StartPythonBaseline(pythonPort, env));
                flags.Add($"python-baseline=http://127.0.0.1:{pythonPort}");
            }
            else output.WriteLine($"python-baseline left out: {ExecutorProcess.PythonBaselineUnavailableReason()}");

            var config = new BenchmarkConfig
            {
                DependencyFault = new DependencyFaultConfig { PauseSeconds = 4, Concurrency = 2, WarmupTurns = 2, RecoverySeconds = 20, GoodStreak = 3, MaxAnswerSeconds = 20 },
                Driver = new DriverConfig { HealthWaitSeconds = 60 },
            };
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(config, new RunOptions
            {
                Scenarios = [RecoveryScenarios.DependencyFault], ExecutorFlags = flags, MockLlmUrl = mock.BaseUri.ToString(), OutputRoot = work.FullName,
                Environment = new Dictionary<string, string?> { [RedisPause.ConnectionVariable] = redis.ConnectionString },
            }, SilentProgress.Instance, metrics);

            var code = await suite.RunAsync(TestContext.Current.CancellationToken);

            var report = File.ReadAllText(Path.Combine(suite.ResultsDirectory!, ResultsWriter.ReportFileName));
            output.WriteLine(report);
            Assert.Equal(ExitCodes.Ok, code);
            var results = ResultsJson.Read(suite.ResultsDirectory!);
            foreach (var name in withPython ? ["dotnet-inproc", "python-baseline"] : new[] { "dotnet-inproc" })
            {
                var row = Assert.Single(results.DependencyFault, d => d.Executor == name);
                var about = $"{name}: {row.Reason} {row.Note} {string.Join("; ", row.OtherErrorExamples)}";
                Assert.True(row.Status == DependencyFaultScenario.Measured, about);
                Assert.Equal("redis", row.StateStore);
                Assert.True(row.DuringByOutcome.GetValueOrDefault("503") > 0, about);
                Assert.Equal(row.DuringByOutcome["503"], row.DependencyNamed); // every 503 named redis
                Assert.Equal(0, row.OtherErrors);                          // never a 500, a hang or a reset
                Assert.InRange(row.LongestAnswerMs!.Value, 1, 2000 + 1500); // the 2 s state-store bound, with slack
                Assert.True(row.Recovered, about);
                Assert.InRange(row.RecoveryMs!.Value, 0, 5000);
            }
            Assert.Contains("## Dependency fault (Redis frozen for 4 s)", report);
        }
        finally
        {
            foreach (var p in executors) await p.DisposeAsync();
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_short_soak_reports_rate_errors_drift_and_an_rss_slope()
    {
        await using var fake = await FakeExecutor.StartAsync("steady");
        var work = Directory.CreateTempSubdirectory("ld-soak-");
        try
        {
            var config = new BenchmarkConfig
            {
                Soak = new SoakConfig { DurationSeconds = 3, PeakShare = 0.5, FallbackRps = 40, MaxInFlight = 20, Scenario = "simple-chat" },
                Driver = new DriverConfig { SampleIntervalMs = 100 },
            };
            using var metrics = new DriverMetrics();
            var suite = new BenchmarkSuite(config, new RunOptions
            {
                Scenarios = [RecoveryScenarios.Soak], ExecutorFlags = [$"steady={fake.Url}"], OutputRoot = work.FullName, HealthWaitSeconds = 5,
                Environment = new Dictionary<string, string?>(),
            }, SilentProgress.Instance, metrics);

            Assert.Equal(ExitCodes.Ok, await suite.RunAsync(TestContext.Current.CancellationToken));

            var row = Assert.Single(ResultsJson.Read(suite.ResultsDirectory!).Soak);
            Assert.Equal(("steady", "simple-chat", 40.0, "configured"), (row.Executor, row.Scenario, row.RateRps, row.RateSource));
            Assert.InRange(row.Requests, 100, 125); // 40/s for 3 s
            Assert.Equal((row.Requests, 0L), (row.Ok, row.Errors.Total));
            Assert.NotNull(row.FirstMinuteP99Ms);
            Assert.NotNull(row.RssSlopeMibPerHour); // the fake runs in this process, which is sampled
            Assert.True(row.RssSamples >= 10, $"{row.RssSamples} samples");
            Assert.Contains("## Soak", File.ReadAllText(Path.Combine(suite.ResultsDirectory!, ResultsWriter.ReportFileName)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
