using BenchApp.TestSupport;

namespace BenchApp.Robustness.Tests;

/// <summary>
/// One executor under test with its own redis-server and mock LLM, started once per test class. When the
/// executor cannot run here, <see cref="SkipReason"/> says why and nothing is started.
/// </summary>
public abstract class ExecutorHost : IAsyncLifetime
{
    private RedisServer? _redis;
    private MockLlmServer? _mock;
    private ChildProcess? _executor;

    public abstract string Name { get; }
    public string? SkipReason { get; private set; }
    public HttpClient Http { get; private set; } = null!;
    public HttpClient Mock { get; private set; } = null!;
    public string Output => _executor?.Output ?? "";

    /// <summary>Why this executor cannot run here, or null.</summary>
    protected abstract string? Unavailable();

    protected abstract Task<(ChildProcess Process, Uri BaseUri)> StartAsync(string redis, string llmBaseUrl);

    public async ValueTask InitializeAsync()
    {
        SkipReason = RedisServer.UnavailableReason() ?? MockLlmServer.UnavailableReason() ?? Unavailable();
        if (SkipReason is not null) return;

        _redis = await RedisServer.StartAsync();
        _mock = await MockLlmServer.StartAsync();
        Mock = new HttpClient { BaseAddress = _mock.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var (process, baseUri) = await StartAsync(_redis.ConnectionString, _mock.OpenAiBaseUri.ToString().TrimEnd('/'));
        _executor = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        await WaitHealthyAsync();
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            if (_executor!.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Name} did not become healthy within 60 s. Output:{System.Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts a .NET executor on a free port; the caller waits for its health.</summary>
    protected static Task<(ChildProcess, Uri)> StartDotnetAsync(string kind, Dictionary<string, string?> env)
    {
        var port = FreePort.Get();
        return Task.FromResult((ExecutorProcess.StartDotnet(kind, port, env), new Uri($"http://127.0.0.1:{port}/")));
    }

    public async ValueTask DisposeAsync()
    {
        if (SkipReason is null)
        {
            Http?.Dispose();
            Mock?.Dispose();
        }
        if (_executor is not null) await _executor.DisposeAsync();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DotnetInprocHost : ExecutorHost
{
    public override string Name => "dotnet-inproc";
    protected override string? Unavailable() => ExecutorProcess.DotnetUnavailableReason();
    protected override Task<(ChildProcess, Uri)> StartAsync(string redis, string llmBaseUrl) => StartDotnetAsync("inproc", ExecutorProcess.Environment(redis, llmBaseUrl));
}

/// <summary>dotnet-temporal against the Temporal server at TEMPORAL_ADDRESS (there is none on this machine by default).</summary>
public sealed class DotnetTemporalHost : ExecutorHost
{
    private static string? Address => System.Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS");
    public override string Name => "dotnet-temporal";

    protected override string? Unavailable() => ExecutorProcess.DotnetUnavailableReason() ?? (string.IsNullOrWhiteSpace(Address)
        ? "TEMPORAL_ADDRESS is not set: start a Temporal server (e.g. 'temporal server start-dev') and set TEMPORAL_ADDRESS=host:7233 to test dotnet-temporal."
        : null);

    protected override Task<(ChildProcess, Uri)> StartAsync(string redis, string llmBaseUrl)
    {
        var env = ExecutorProcess.Environment(redis, llmBaseUrl);
        env["TEMPORAL_ADDRESS"] = Address;
        // Each run gets its own task queue so parallel test runs against one server do not steal each other's work.
        env["Executor__Temporal__TaskQueue"] = $"robustness-{Guid.NewGuid():N}";
        return StartDotnetAsync("temporal", env);
    }
}

public sealed class PythonBaselineHost : ExecutorHost
{
    public override string Name => "python-baseline";

    protected override string? Unavailable() => ExecutorProcess.PythonBaselineUnavailableReason();

    protected override Task<(ChildProcess, Uri)> StartAsync(string redis, string llmBaseUrl)
    {
        var port = FreePort.Get();
        return Task.FromResult((ExecutorProcess.StartPythonBaseline(port, ExecutorProcess.Environment(redis, llmBaseUrl)), new Uri($"http://127.0.0.1:{port}/")));
    }
}

public sealed class DotnetAgentFrameworkHost : ExecutorHost
{
    public override string Name => "dotnet-agent-framework";
    protected override string? Unavailable() => ExecutorProcess.DotnetUnavailableReason();
    protected override Task<(ChildProcess, Uri)> StartAsync(string redis, string llmBaseUrl) => StartDotnetAsync("agent-framework", ExecutorProcess.Environment(redis, llmBaseUrl));
}

/// <summary>
/// A Node executor from its package under node-executors/ (its packages installed by run-tests.sh), started as
/// <c>node src/main.js</c> there with its state (SQLite) in a temporary folder.
/// </summary>
public abstract class NodeExecutorHost : ExecutorHost
{
    private readonly DirectoryInfo _data;
    private readonly string _folder;

    protected NodeExecutorHost(string name, string folder)
    {
        Name = name;
        _folder = folder;
        _data = Directory.CreateTempSubdirectory($"robustness-{name}-");
    }

    public override string Name { get; }
    private string Package => RepoPaths.Combine("node-executors", _folder);

    protected override string? Unavailable() =>
        ExecutableSearch.Find("node") is null ? $"node is not on PATH (Node.js 20+ runs {Name})."
        : !Directory.Exists(Path.Combine(Package, "node_modules")) ? $"{Name}'s packages are not installed: run 'npm ci' in {Package} (run-tests.sh does)."
        : null;

    protected override Task<(ChildProcess, Uri)> StartAsync(string redis, string llmBaseUrl)
    {
        var port = FreePort.Get();
        var env = ExecutorProcess.Environment(redis, llmBaseUrl);
        env["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["BENCHAPP_DATA_DIR"] = _data.FullName;
        return Task.FromResult((ChildProcess.Start("node", ["src/main.js"], env, Package), new Uri($"http://127.0.0.1:{port}/")));
    }
}

/// <summary>node-langgraph (node-executors/langgraph): LangGraph.js, checkpoints in SQLite.</summary>
public sealed class NodeLangGraphHost() : NodeExecutorHost("node-langgraph", "langgraph");

/// <summary>node-adk (node-executors/adk): Google ADK for TypeScript on the mock's Gemini API, sessions in SQLite.</summary>
public sealed class NodeAdkHost() : NodeExecutorHost("node-adk", "adk");
