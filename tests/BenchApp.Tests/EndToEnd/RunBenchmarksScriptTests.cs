using BenchApp.TestSupport;

namespace BenchApp.Tests.EndToEnd;

/// <summary>run-benchmarks.sh: a headless run that writes results, exits with the driver's code and leaves nothing running.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RunBenchmarksScriptTests
{
    [Fact]
    public async Task Headless_run_writes_results_exits_with_the_drivers_code_and_leaves_no_process_behind()
    {
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        var ct = TestContext.Current.CancellationToken;
        var results = Directory.CreateTempSubdirectory("benchapp-headless-");
        var marker = $"BENCHAPP_TEST_RUN={Guid.NewGuid():N}";
        try
        {
            await using var script = ChildProcess.Start("bash",
                [RepoPaths.Combine("run-benchmarks.sh"), "--quick", "--scenario", "simple-chat", "--executors", "dotnet-inproc,python-baseline", "--results", results.FullName],
                new Dictionary<string, string?>
                {
                    ["CONFIGURATION"] = RepoPaths.Configuration,
                    ["BENCHAPP_SKIP_BUILD"] = "1", // built with the solution; a second build would race the other tests
                    [marker.Split('=')[0]] = marker.Split('=')[1],
                });

            // While it runs, collect every process of this run, to check afterwards that each one is gone.
            var seen = new Dictionary<int, ProcessScan.ProcessId>();
            var deadline = DateTime.UtcNow.AddMinutes(6);
            while (!script.HasExited && DateTime.UtcNow < deadline)
            {
                foreach (var p in ProcessScan.Marked(marker)) seen[p.Pid] = p;
                await Task.Delay(500, ct);
            }
            var exitCode = await script.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"run-benchmarks.sh exited {exitCode}. Output:\n{script.Output}");
            Assert.Contains(seen.Values, p => p.CommandLine.Contains("redis-server"));
            Assert.Contains(seen.Values, p => p.CommandLine.Contains("BenchApp.LoadDriver"));
            Assert.Contains(seen.Values, p => p.CommandLine.Contains("benchapp_baseline"));

            var file = ResultsFile.Latest(results.FullName);
            Assert.NotNull(file);
            Assert.Equal("complete", file.Status);
            Assert.Contains(file.Scenarios, s => s.Executor == "dotnet-inproc" && s.Scenario == "simple-chat" && s.Ok > 0);
            Assert.Contains(file.Scenarios, s => s.Executor == "python-baseline" && s.Scenario == "simple-chat" && s.Ok > 0);
            Assert.Contains("[load-driver]", script.Output); // headless: the driver's progress reaches the console

            // Nothing of the run survives it (DCP may take a moment to reap what it stopped).
            var survivors = seen.Values.Where(ProcessScan.IsAlive).ToList();
            for (var i = 0; i < 20 && survivors.Count > 0; i++)
            {
                await Task.Delay(500, ct);
                survivors = survivors.Where(ProcessScan.IsAlive).ToList();
            }
            Assert.True(survivors.Count == 0, "left running: " + string.Join("; ", survivors.Select(s => $"{s.Pid} {s.CommandLine}")));
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }
}
