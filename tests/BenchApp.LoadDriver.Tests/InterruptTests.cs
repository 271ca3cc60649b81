using System.Diagnostics;
using System.Globalization;
using BenchApp.LoadDriver.Results;
using BenchApp.TestSupport;

namespace BenchApp.LoadDriver.Tests;

/// <summary>The built driver as its own process, interrupted in the middle of a scenario by a real signal.</summary>
public sealed class InterruptTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_ends_the_run_as_interrupted_with_the_shells_exit_code(string signal, int expected)
    {
        var dll = RepoPaths.BuiltDll("BenchApp.LoadDriver");
        if (!File.Exists(dll)) Assert.Skip($"BenchApp.LoadDriver is not built ({dll} missing).");
        await using var fake = await FakeExecutor.StartAsync("steady");
        var work = Directory.CreateTempSubdirectory("ld-signal-");
        try
        {
            await using var driver = ChildProcess.Start("dotnet",
                [dll, "run", "--executor", $"steady={fake.Url}", "--scenario", "simple-chat", "--iterations", "100000000", "--warmup", "0",
                 "--output", work.FullName, "--plain", "--health-wait", "10"],
                new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null });
            await driver.WaitForLineAsync("simple-chat: started", TimeSpan.FromSeconds(60));
            await Task.Delay(500, TestContext.Current.CancellationToken);

            var signalled = Stopwatch.GetTimestamp();
            using (var kill = Process.Start("kill", [$"-{signal}", driver.Pid.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            var code = await driver.WaitForExitAsync(TimeSpan.FromSeconds(15));

            Assert.True(code == expected, $"exit {code}. Output:\n{driver.Output}");
            Assert.True(Stopwatch.GetElapsedTime(signalled) < TimeSpan.FromSeconds(10));
            var results = ResultsJson.Read(Assert.Single(Directory.GetDirectories(work.FullName)));
            Assert.Equal("interrupted", results.Status);
            Assert.Empty(results.Scenarios); // the scenario in progress is dropped
            Assert.NotNull(results.Metadata.FinishedAt);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
