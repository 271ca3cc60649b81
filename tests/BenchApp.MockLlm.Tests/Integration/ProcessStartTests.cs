using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>
/// The way other suites start the mock: <c>dotnet BenchApp.MockLlm/bin/&lt;Configuration&gt;/net10.0/BenchApp.MockLlm.dll
/// --urls http://127.0.0.1:0</c>, from another working directory, reading the port from stdout.
/// </summary>
public sealed partial class ProcessStartTests
{
    private static string DllOrSkip()
    {
        var dll = RepoPaths.MockLlmDll();
        if (dll is null)
            Assert.Skip($"BenchApp.MockLlm is not built in {RepoPaths.Configuration}: run `dotnet build BenchApp.MockLlm -c {RepoPaths.Configuration}` first.");
        return dll;
    }

    private static Process Start(string dll, params (string Key, string Value)[] environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return Process.Start(info)!;
    }

    [Fact]
    public async Task Started_as_a_process_it_prints_its_address_and_no_request_logs()
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Start(DllOrSkip());
        var stdout = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout) stdout.AppendLine(e.Data);
            if (ListeningRegex().Match(e.Data) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
            for (var i = 0; i < 3; i++)
            {
                var reply = await Http.PostAsync(http, "v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", ct);
                Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
            }
            Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.GetAsync(http, "health")).Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }

        string output;
        lock (stdout) output = stdout.ToString();
        Assert.Contains("Now listening on: http://127.0.0.1:", output);
        Assert.DoesNotContain("Request starting", output);
        Assert.DoesNotContain("/v1/chat/completions", output);
    }

    [Fact]
    public async Task An_invalid_setting_stops_the_service_with_a_message_naming_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Start(DllOrSkip(), ("MockLlm__Latency__TtftMs", "-5"), ("MockLlm__Faults__ErrorRate", "2"));
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var exited = process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        try
        {
            await exited;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("MockLlm:Latency:TtftMs", output);
        Assert.Contains("MockLlm:Faults:ErrorRate", output);
        Assert.DoesNotContain("Now listening on", output);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();
}
