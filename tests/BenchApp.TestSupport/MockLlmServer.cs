namespace BenchApp.TestSupport;

/// <summary>The real BenchApp.MockLlm, built with the solution, started as a child process on a free port.</summary>
public sealed class MockLlmServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private MockLlmServer(ChildProcess process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (the OpenAI base URL is this + "v1").</summary>
    public Uri BaseUri { get; }

    public Uri OpenAiBaseUri => new(BaseUri, "v1/");

    public int Pid => _process.Pid;

    /// <summary>Why the mock cannot be started here, or null when it can.</summary>
    public static string? UnavailableReason()
    {
        var dll = RepoPaths.BuiltDll("BenchApp.MockLlm");
        return File.Exists(dll) ? null : $"BenchApp.MockLlm is not built ({dll} missing): run 'dotnet build BenchApp.sln' first.";
    }

    public static async Task<MockLlmServer> StartAsync(IDictionary<string, string?>? environment = null)
    {
        var dll = RepoPaths.BuiltDll("BenchApp.MockLlm");
        if (!File.Exists(dll)) throw new InvalidOperationException(UnavailableReason());

        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;

        var process = ChildProcess.Start("dotnet", [dll, "--urls", "http://127.0.0.1:0"], env);
        try
        {
            var match = await process.WaitForLineAsync(@"Now listening on: (http://\S+)", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return new MockLlmServer(process, new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
