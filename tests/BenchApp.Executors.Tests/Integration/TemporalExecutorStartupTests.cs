using System.Diagnostics;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>dotnet-temporal without a server: it must not pretend to run, it must stop and say why (no server needed here).</summary>
public class TemporalExecutorStartupTests
{
    private static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var a in new[] { ExecutorProcess.Dll, "--executor", "temporal", "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        info.Environment["TEMPORAL_ADDRESS"] = null;
        info.Environment["ConnectionStrings__temporal"] = null;
        foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Without_an_address_it_exits_naming_the_setting()
    {
        var (exitCode, output) = await RunToExitAsync(new Dictionary<string, string?> { ["LLM_BASE_URL"] = "http://127.0.0.1:1/v1" });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("set ConnectionStrings__temporal or TEMPORAL_ADDRESS", output);
    }

    [Fact]
    public async Task With_a_server_that_does_not_answer_it_exits_with_the_reason()
    {
        var (exitCode, output) = await RunToExitAsync(new Dictionary<string, string?>
        {
            ["LLM_BASE_URL"] = "http://127.0.0.1:1/v1",
            ["TEMPORAL_ADDRESS"] = $"127.0.0.1:{FreePort.Get()}",
        });
        Assert.Equal(1, exitCode);
        Assert.Contains("The Temporal worker stopped, so the executor stops: Connection failed", output);
    }
}
