using System.Diagnostics;
using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>
/// The real @google/genai 3.1.0 client (node, <c>GenAiClient/run.mjs</c>) against the mock over loopback: a
/// function-call loop, a streamed answer, an injected 429. Skipped, with the reason, when node or the package
/// is missing (<c>npm ci</c> in tests/BenchApp.MockLlm.Tests/GenAiClient installs it).
/// </summary>
public sealed class GeminiSdkTests(MockLlmServer server, ITestOutputHelper output) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string ClientFolder() => Path.Combine(RepoPaths.Root()!, "tests", "BenchApp.MockLlm.Tests", "GenAiClient");

    private static string? SkipReason()
    {
        var package = Path.Combine(ClientFolder(), "node_modules", "@google", "genai", "package.json");
        if (!File.Exists(package)) return $"@google/genai is not installed ({package} missing): run 'npm ci' in {ClientFolder()}.";
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            node.WaitForExit(10_000);
            return node.ExitCode == 0 ? null : "node --version failed.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on PATH.";
        }
    }

    [Fact]
    public async Task The_google_genai_client_runs_a_tool_loop_streams_and_sees_rate_limits()
    {
        if (SkipReason() is { } reason) Assert.Skip(reason);
        var ct = TestContext.Current.CancellationToken;

        var start = new ProcessStartInfo("node", "run.mjs")
        {
            WorkingDirectory = ClientFolder(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOCK_URL"] = server.BaseAddress.ToString().TrimEnd('/');
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
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
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(process.ExitCode == 0, $"node run.mjs exited {process.ExitCode}: {await stderr}");

        var summary = JsonDocument.Parse(await stdout).RootElement;
        var loop = summary.GetProperty("loop").EnumerateArray().ToList();
        Assert.Equal([2, 1, 0], loop.Select(t => t.GetProperty("calls").GetInt32()));
        Assert.Equal(FinalAnswerText.Text(6), loop[^1].GetProperty("text").GetString());
        Assert.All(loop, t => Assert.Equal("STOP", t.GetProperty("finishReason").GetString()));
        Assert.All(loop, t => Assert.Equal("bench-model", t.GetProperty("modelVersion").GetString()));
        Assert.Equal(6, loop[^1].GetProperty("usage").GetProperty("candidatesTokenCount").GetInt32());

        var calls = summary.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(3, calls.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        foreach (var call in calls)
        {
            var prepared = BenchTools.Prepare(call.GetProperty("name").GetString()!, call.GetProperty("args").GetRawText());
            Assert.False(prepared.Result.IsError, prepared.Result.Output);
            Assert.Equal(call.GetProperty("name").GetString() == WeatherTool.Name ? 2 : 0, prepared.DelayMs);
        }

        var stream = summary.GetProperty("stream");
        Assert.Equal(5, stream.GetProperty("chunks").GetInt32());
        Assert.Equal(FinalAnswerText.Text(5), stream.GetProperty("text").GetString());
        Assert.Equal("STOP", stream.GetProperty("finishReason").GetString());

        var error = summary.GetProperty("error");
        Assert.True(error.GetProperty("thrown").GetBoolean());
        Assert.True(error.GetProperty("apiError").GetBoolean());
        Assert.Equal(429, error.GetProperty("status").GetInt32());
        Assert.Contains("RESOURCE_EXHAUSTED", error.GetProperty("message").GetString());

        var run = (await Http.GetAsync(server.NewHttpClient(), "admin/runs/genai-sdk")).Json;
        Assert.Equal(3, run.GetProperty("llm_calls").GetInt32());
    }
}
