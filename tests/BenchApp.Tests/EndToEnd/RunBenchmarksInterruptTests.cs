using System.Diagnostics;
using BenchApp.TestSupport;

namespace BenchApp.Tests.EndToEnd;

/// <summary>
/// run-benchmarks.sh interrupted mid-scenario: it exits 130 (SIGINT) or 143 (SIGTERM), results.json says
/// <c>interrupted</c> (the scenario cut short is not in it), and within 10 s no process of the run is left.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class RunBenchmarksInterruptTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_stops_the_run_marks_it_interrupted_and_leaves_no_process_behind(string signal, int expectedExit)
    {
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        var ct = TestContext.Current.CancellationToken;
        var results = Directory.CreateTempSubdirectory("benchapp-interrupt-");
        var marker = $"BENCHAPP_TEST_RUN={Guid.NewGuid():N}";
        try
        {
            // Far more iterations than can finish: the signal always lands in the middle of the scenario.
            await using var script = ChildProcess.Start("bash",
                [RepoPaths.Combine("run-benchmarks.sh"), "--quick", "--scenario", "simple-chat", "--iterations", "1000000", "--executors", "dotnet-inproc", "--results", results.FullName],
                new Dictionary<string, string?>
                {
                    ["CONFIGURATION"] = RepoPaths.Configuration,
                    ["BENCHAPP_SKIP_BUILD"] = "1",
                    [marker.Split('=')[0]] = marker.Split('=')[1],
                });

            var seen = new Dictionary<int, ProcessScan.ProcessId>();
            var deadline = DateTime.UtcNow.AddMinutes(4);
            var measuringSince = (DateTime?)null;
            while (!script.HasExited && DateTime.UtcNow < deadline)
            {
                foreach (var p in ProcessScan.Marked(marker)) seen[p.Pid] = p;
                if (measuringSince is null && ResultsFile.Latest(results.FullName) is { Status: "running" }) measuringSince = DateTime.UtcNow;
                if (measuringSince is { } since && DateTime.UtcNow - since > TimeSpan.FromSeconds(3)) break;
                await Task.Delay(250, ct);
            }
            Assert.False(script.HasExited, $"the run ended before it could be interrupted. Output:\n{script.Output}");
            Assert.NotNull(measuringSince);
            foreach (var p in ProcessScan.Marked(marker)) seen[p.Pid] = p;
            Assert.Contains(seen.Values, p => p.CommandLine.Contains("BenchApp.LoadDriver"));

            var signalled = Stopwatch.GetTimestamp();
            using (var kill = Process.Start("kill", [$"-{signal}", script.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(ct);
            var exitCode = await script.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var stoppedIn = Stopwatch.GetElapsedTime(signalled);

            Assert.True(exitCode == expectedExit, $"run-benchmarks.sh exited {exitCode} after SIG{signal}. Output:\n{script.Output}");
            var file = ResultsFile.Latest(results.FullName);
            Assert.NotNull(file);
            Assert.Equal("interrupted", file.Status);
            Assert.DoesNotContain(file.Scenarios, s => s.Scenario == "simple-chat"); // cut short: dropped, never shown as complete
            Assert.Contains("interrupted", File.ReadAllText(Path.Combine(Path.GetDirectoryName(file.Path)!, "benchmark-results.md")));

            // Every process of the run is gone within 10 s of the signal (DCP may take a moment to reap).
            var survivors = seen.Values.Where(ProcessScan.IsAlive).ToList();
            while (survivors.Count > 0 && Stopwatch.GetElapsedTime(signalled) < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(250, ct);
                survivors = survivors.Where(ProcessScan.IsAlive).ToList();
            }
            Assert.True(survivors.Count == 0, $"left running {Stopwatch.GetElapsedTime(signalled).TotalSeconds:0.0} s after SIG{signal} (script exited after {stoppedIn.TotalSeconds:0.0} s): "
                + string.Join("; ", survivors.Select(s => $"{s.Pid} {s.CommandLine}")));
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
