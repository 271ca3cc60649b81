using BenchApp.LoadDriver.Cli;
using BenchApp.LoadDriver.Results;
using BenchApp.TestSupport;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Tests;

/// <summary>
/// The driver's run command, in this process, against real executors, a real redis-server and the real mock
/// LLM: every scenario for each executor, no wrong answer, overhead measured through the mock, the executor
/// sampled from /proc, start-up seen (the driver starts while the executor does), the report written.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{

    private const string TinyConfig = """
        scenarios:
          - { name: simple-chat, iterations: 10, warmup: 2, latency: slow }
          - { name: tool-execution, iterations: 8, warmup: 2, tool_delay_ms: 3 }
          - { name: multi-turn, iterations: 3, warmup: 1 }
          - { name: agent-loop, iterations: 3, warmup: 1 }
          - { name: concurrent, iterations: 40, warmup: 10, concurrent: 10 }
        llm:
          mock:
            profiles:
              slow: { ttft_ms: 20, per_token_ms: 0 }
        sweep: { concurrency: [1, 4], min_iterations: 8, iterations_per_worker: 2, warmup: 2 }
        growth: { turns: 10 }
        driver: { health_wait_seconds: 90, sample_interval_ms: 100 }
        thresholds: [ "error_rate<0.01" ]
        # The recovery scenarios have their own end-to-end test (RecoveryEndToEndTests); their launch commands are
        # used by cold start and the per-core-workers copy, with this test's redis.
        error_recovery: { enabled: false }
        # Their own end-to-end test too (DependencyFaultEndToEndTests); the soak alone would take its 10 minutes here.
        dependency_fault: { enabled: false }
        soak: { enabled: false }
        crash_recovery:
          enabled: false
          executors:
            dotnet-inproc:
              command: dotnet
              args: ["BenchApp.Executors/bin/{configuration}/net10.0/BenchApp.Executors.dll", --executor, inproc, --urls, "http://127.0.0.1:{port}"]
              env: { ConnectionStrings__redis: "REDIS", OTEL_EXPORTER_OTLP_ENDPOINT: "" }
            python-baseline:
              command: /usr/bin/python3
              args: [-m, benchapp_baseline]
              cwd: python-executors
              env: { PORT: "{port}", ConnectionStrings__redis: "REDIS", OTEL_EXPORTER_OTLP_ENDPOINT: "" }
        cold_start: { starts: 2 }
        end_to_end: { latency: slow, iterations: 2, warmup: 1, concurrent_iterations: 20 }
        """;

    [Fact]
    public async Task A_run_against_dotnet_inproc_measures_every_scenario()
    {
        if (ExecutorProcess.DotnetUnavailableReason() is { } missing) Assert.Skip(missing);
        await RunAgainst("dotnet-inproc", (redis, mock, port) =>
            ExecutorProcess.StartDotnet("inproc", port, ExecutorProcess.Environment(redis.ConnectionString, mock.OpenAiBaseUri.ToString().TrimEnd('/'))));
    }

    [Fact]
    public async Task A_run_against_python_baseline_measures_every_scenario()
    {
        if (ExecutorProcess.PythonBaselineUnavailableReason() is { } missing) Assert.Skip(missing);
        await RunAgainst("python-baseline", (redis, mock, port) =>
            ExecutorProcess.StartPythonBaseline(port, ExecutorProcess.Environment(redis.ConnectionString, mock.OpenAiBaseUri.ToString().TrimEnd('/'))));
    }

    private static string LaunchedBuild => BenchApp.Contracts.Runs.BuildFlavor.Of(typeof(EndToEndTests).Assembly);

    private async Task RunAgainst(string name, Func<RedisServer, MockLlmServer, int, ChildProcess> startExecutor)
    {
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        if (MockLlmServer.UnavailableReason() is { } noMock) Assert.Skip(noMock);

        await using var redis = await RedisServer.StartAsync();
        await using var mock = await MockLlmServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("ld-e2e-");
        try
        {
            var config = Path.Combine(work.FullName, "bench.yaml");
            File.WriteAllText(config, TinyConfig.Replace("REDIS", redis.ConnectionString, StringComparison.Ordinal));
            var port = FreePort.Get();
            // The driver starts while the executor starts, so it sees the executor become healthy (start-up time).
            await using var executor = startExecutor(redis, mock, port);
            var app = new CommandApp();
            app.Configure(c => c.AddBenchCommands());

            var code = await app.RunAsync(
                ["run", "--config", config, "--executor", $"{name}=http://127.0.0.1:{port}", "--mock-llm", mock.BaseUri.ToString(),
                 "--output", work.FullName, "--plain"], TestContext.Current.CancellationToken);

            output.WriteLine(executor.Output);
            var dir = Assert.Single(Directory.GetDirectories(work.FullName));
            output.WriteLine(File.ReadAllText(Path.Combine(dir, ResultsWriter.ReportFileName)));
            Assert.Equal(0, code);

            var results = ResultsJson.Read(dir);
            Assert.Equal("complete", results.Status);
            Assert.True(results.MockLlm.AdminAvailable);
            var info = Assert.Single(results.Executors);
            Assert.True(info.Available, info.Reason);
            Assert.Equal(name, info.Info!.Executor);
            Assert.Equal(executor.Pid, info.SampledPid);
            Assert.NotNull(info.StartupMs);
            Assert.InRange(info.StartupMs!.Value, 1, 90_000);
            Assert.True(info.Idle!.RssAvgKb > 10 * 1024, "idle RSS of a real runtime is over 10 MiB");

            Assert.Equal(["simple-chat", "tool-execution", "multi-turn", "agent-loop", "concurrent"], results.Scenarios.Select(s => s.Scenario));
            Assert.Empty(results.ErrorRecovery);
            Assert.Empty(results.CrashRecovery);
            foreach (var s in results.Scenarios)
            {
                Assert.True(s.Errors.Total == 0, $"{s.Scenario}: {string.Join("; ", s.ErrorExamples)}");
                Assert.Equal(s.Requests, s.Ok);
                Assert.NotNull(s.OverheadMs);
                Assert.Equal(s.Ok, s.Mock!.RunsMatched);
                Assert.True(s.Resources!.RssAvgKb > 10 * 1024);
                Assert.True(s.Resources.Samples >= 1);
            }
            Assert.Equal(10, results.Scenarios[0].Requests);
            Assert.Equal(15, results.Scenarios[2].Requests); // 3 conversations of 5 turns
            var slow = results.Scenarios[0];
            // At least the 20 ms asked for; a busy machine oversleeps, and the measured wait is what is subtracted.
            Assert.True(slow.Mock!.WaitMsMean >= 19.5, $"mock wait {slow.Mock.WaitMsMean} ms");
            Assert.True(slow.OverheadMs!.P50 < slow.LatencyMs!.P50 - 15, "overhead leaves out the mock's 20 ms wait");
            Assert.Equal(2, results.Sweep.Count(p => p.Workers is null or 1));
            // python-baseline is also swept at one worker per core by the driver's own copy, when the copy honours WORKERS.
            Assert.All(results.Sweep.Where(p => p.Workers > 1), p => Assert.True(p.Requests > 0 || p.Note is not null));
            var growth = Assert.Single(results.Growth);
            Assert.Equal(10, growth.Turns);

            // What users ask about: builds, cold start, CPU per run, state per turn, end to end.
            Assert.Equal(LaunchedBuild, results.Builds!.Driver);
            Assert.Equal(info.Info.Language == "csharp" ? LaunchedBuild : null, info.Info.Build); // Python has no such notion
            Assert.Equal(info.Info.Language == "csharp" ? LaunchedBuild : null, results.ColdStart[0].Build);
            Assert.NotNull(results.Builds.Mock);
            var cold = Assert.Single(results.ColdStart);
            Assert.True(cold.Status == "measured", $"cold start: {cold.Reason}");
            Assert.Equal(2, cold.Runs.Count);
            Assert.All(cold.Runs, r => Assert.True(r.HealthMs > 0 && r.FirstReplyMs >= r.HealthMs && r.RssKb > 10 * 1024, $"{r}"));
            Assert.All(results.Scenarios, s => Assert.True(s.Efficiency!.CpuMsPerRun > 0, $"{s.Scenario}: CPU per run"));
            Assert.Equal(results.Scenarios[4].Resources!.RssPeakKb / 10, results.Scenarios[4].Efficiency!.RssPeakKbPerSession);
            var state = growth.State!;
            Assert.Equal(10, state.TurnsReported);
            Assert.True(state.SessionBytesEnd > state.FirstTurnBytes);
            Assert.InRange(state.SessionExponent!.Value, 0.8, 1.2); // the whole history as one value: linear in turns
            Assert.Equal("Redis 512 MB per value", state.Limit);
            Assert.True(state.LimitTurn > 10_000);
            Assert.Equal(["simple-chat", "tool-execution", "multi-turn", "agent-loop", "concurrent"], results.EndToEnd.Select(s => s.Scenario));
            Assert.All(results.EndToEnd, s => Assert.True(s.Errors.Total == 0 && s.LatencyProfile == "slow", $"{s.Scenario}: {string.Join("; ", s.ErrorExamples)}"));
            Assert.True(File.Exists(Path.Combine(dir, ResultsWriter.ReportFileName)));
            Assert.True(File.Exists(Path.Combine(dir, "latency-agent-loop.png")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
