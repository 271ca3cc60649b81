using BenchApp.LoadDriver.Cli;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.TestSupport;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Tests;

/// <summary>
/// error-recovery and crash-recovery through the run command, against the real mock LLM, a real redis-server,
/// dotnet-inproc and (when present) python-baseline: every fault kind injected and recovered from with retries,
/// and each executor killed mid agent loop by the driver, restarted by it, and its session tried again.
/// </summary>
public sealed class RecoveryEndToEndTests(ITestOutputHelper output)
{

    [Fact]
    public async Task Both_recovery_scenarios_measure_every_executor()
    {
        if (ExecutorProcess.DotnetUnavailableReason() is { } noExecutors) Assert.Skip(noExecutors);
        var dll = RepoPaths.BuiltDll("BenchApp.Executors");
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        if (MockLlmServer.UnavailableReason() is { } noMock) Assert.Skip(noMock);
        var noPython = ExecutorProcess.PythonBaselineUnavailableReason();
        var withPython = noPython is null;
        if (!withPython) output.WriteLine($"python-baseline left out: {noPython}");

        await using var redis = await RedisServer.StartAsync();
        await using var mock = await MockLlmServer.StartAsync();
        var llm = mock.OpenAiBaseUri.ToString().TrimEnd('/');
        var work = Directory.CreateTempSubdirectory("ld-recovery-");
        var executors = new List<ChildProcess>();
        try
        {
            var inprocPort = FreePort.Get();
            executors.Add(ExecutorProcess.StartDotnet("inproc", inprocPort, ExecutorProcess.Environment(redis.ConnectionString, llm)));
            var flags = new List<string> { "--executor", $"dotnet-inproc=http://127.0.0.1:{inprocPort}" };
            if (withPython)
            {
                var pythonPort = FreePort.Get();
                executors.Add(ExecutorProcess.StartPythonBaseline(pythonPort, ExecutorProcess.Environment(redis.ConnectionString, llm)));
                flags.AddRange(["--executor", $"python-baseline=http://127.0.0.1:{pythonPort}"]);
            }

            var config = Path.Combine(work.FullName, "bench.yaml");
            File.WriteAllText(config, $$"""
                error_recovery: { fault_count: 3, retry_after_seconds: 1, hang_ms: 500, good_streak: 2, max_requests: 10, max_seconds: 30 }
                crash_recovery:
                  tool_calls: 4
                  tool_delay_ms: 400
                  kill_after_seconds: 0.8
                  recovery_seconds: 30
                  executors:
                    dotnet-inproc:
                      command: dotnet
                      args: ["{{dll}}", --executor, inproc, --urls, "http://127.0.0.1:{port}"]
                      env: { ConnectionStrings__redis: "{{redis.ConnectionString}}", OTEL_EXPORTER_OTLP_ENDPOINT: "" }
                    python-baseline:
                      command: {{ExecutorProcess.DebianPython}}
                      args: [-m, benchapp_baseline]
                      cwd: python-executors
                      env: { PORT: "{port}", ConnectionStrings__redis: "{{redis.ConnectionString}}", OTEL_EXPORTER_OTLP_ENDPOINT: "" }
                driver: { health_wait_seconds: 60, request_timeout_seconds: 60 }
                """);

            var app = new CommandApp();
            app.Configure(c => c.AddBenchCommands());
            var code = await app.RunAsync(
                ["run", "--config", config, .. flags, "--mock-llm", mock.BaseUri.ToString(), "--output", work.FullName, "--plain",
                 "--scenario", "error-recovery", "--scenario", "crash-recovery"], TestContext.Current.CancellationToken);

            var dir = Assert.Single(Directory.GetDirectories(work.FullName));
            var report = File.ReadAllText(Path.Combine(dir, ResultsWriter.ReportFileName));
            output.WriteLine(report);
            Assert.Equal(0, code);
            var results = ResultsJson.Read(dir);
            Assert.Equal("complete", results.Status);
            Assert.Empty(results.Scenarios);
            var names = withPython ? new[] { "dotnet-inproc", "python-baseline" } : ["dotnet-inproc"];

            foreach (var name in names)
            {
                var rows = results.ErrorRecovery.Where(e => e.Executor == name).ToList();
                Assert.Equal(["error", "rate_limit", "hang"], rows.Select(e => e.FaultKind));
                foreach (var e in rows)
                {
                    var what = $"{name} {e.FaultKind}: {e.Note} {string.Join("; ", e.ErrorExamples)}";
                    Assert.True(e.Recovered, what);
                    Assert.InRange(e.RecoveryMs!.Value, 0.001, 30_000);
                    Assert.Equal(3, e.FaultsServed);            // every armed fault reached the mock through the executor
                    Assert.True(e.Retries > 0, what);            // and the executor retried
                    Assert.Equal(e.Requests, e.Ok + e.ClientErrors.Total);
                    Assert.Equal(0, e.ClientErrors.WrongAnswer);
                }
                // 429s carry Retry-After: 1; an executor that honours it cannot recover sooner than one wait.
                Assert.True(rows.Single(e => e.FaultKind == "rate_limit").RecoveryMs >= 900, $"{name} waited out Retry-After");
                // A hang lasts 500 ms at the mock before its 504, so three of them take at least that long.
                Assert.True(rows.Single(e => e.FaultKind == "hang").RecoveryMs >= 500);

                var crash = Assert.Single(results.CrashRecovery, c => c.Executor == name);
                var about = $"{name}: {crash.Reason} {crash.InFlightClientDetail} {crash.SessionDetail}";
                Assert.True(crash.Status == CrashRecoveryScenario.Measured, about);
                Assert.NotNull(crash.KilledPid);
                Assert.DoesNotContain(executors, p => p.Pid == crash.KilledPid); // the driver killed its own copy, not ours
                Assert.True(crash.Restarted, about);
                Assert.Equal(false, crash.Durable);
                // Not durable: the turn in flight dies with the process and is not resumed.
                Assert.Equal(CrashVerdict.Failed, crash.InFlightTurn);
                Assert.NotEqual("ok", crash.InFlightClientOutcome);
                Assert.True(crash.InFlightLlmCalls < crash.InFlightExpectedLlmCalls, about);
                // The session was stored in redis before the kill, so it survives the restart.
                Assert.Equal(CrashVerdict.Survived, crash.Session);
                Assert.True(crash.Recovered, about);
                Assert.True(crash.RecoveryMs > crash.RestartHealthyMs, about);
            }
            Assert.All(executors, p => Assert.False(p.HasExited, "the test's own executors were not touched"));
            Assert.Contains("## Error recovery", report);
            Assert.Contains("## Crash recovery", report);
        }
        finally
        {
            foreach (var p in executors) await p.DisposeAsync();
            work.Delete(recursive: true);
        }
    }
}
