using System.Net.Http.Json;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>The built BenchApp.Executors as a child process on a free port, the way the AppHost runs it.</summary>
public sealed class ExecutorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ExecutorProcess(ChildProcess process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUri { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Pid;
    public string Output => _process.Output;

    public static string Dll => RepoPaths.BuiltDll("BenchApp.Executors");

    public static async Task<ExecutorProcess> StartAsync(string kind, IDictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        foreach (var (key, value) in environment) env[key] = value;

        var process = ChildProcess.Start("dotnet", [Dll, "--executor", kind, "--urls", "http://127.0.0.1:0"], env);
        try
        {
            var match = await process.WaitForLineAsync(@"Now listening on: (http://\S+)", TimeSpan.FromSeconds(60));
            return new ExecutorProcess(process, new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task<HttpResponseMessage> PostRunAsync(object body, CancellationToken cancellationToken) =>
        Http.PostAsJsonAsync("v1/runs", body, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
