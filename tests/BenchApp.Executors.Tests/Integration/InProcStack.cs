using BenchApp.TestSupport;
using StackExchange.Redis;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>
/// A real redis-server, the real mock LLM and the inproc executor as child processes, shared by one test class.
/// When something cannot start here, <see cref="UnavailableReason"/> says what and tests skip with it.
/// A subclass runs another executor on Redis by overriding <see cref="Kind"/>.
/// </summary>
public class InProcStack : IAsyncLifetime
{
    private RedisServer? _redis;
    private MockLlmServer? _mock;

    /// <summary>The <c>--executor</c> this stack starts.</summary>
    protected virtual string Kind => "inproc";

    public string? UnavailableReason { get; private set; }
    public ExecutorProcess Executor { get; private set; } = null!;
    public MockLlmAdmin Mock { get; private set; } = null!;
    public MockLlmServer MockServer => _mock!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;
    public string RedisConnectionString => _redis!.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        UnavailableReason = RedisServer.UnavailableReason() ?? MockLlmServer.UnavailableReason();
        if (UnavailableReason is not null) return;

        _redis = await RedisServer.StartAsync();
        _mock = await MockLlmServer.StartAsync();
        Mock = new MockLlmAdmin(_mock.BaseUri);
        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Executor = await StartExecutorAsync();
    }

    /// <summary>Another executor of <see cref="Kind"/> on the same Redis and mock, with settings of its own.</summary>
    public Task<ExecutorProcess> StartExecutorAsync(IDictionary<string, string?>? settings = null, bool serviceDiscovery = false)
    {
        var env = new Dictionary<string, string?>
        {
            // As the AppHost passes the mock (WithReference(mock.GetEndpoint("http"))), or as a provider URL.
            [serviceDiscovery ? "services__mock-llm__http__0" : "LLM_BASE_URL"] = serviceDiscovery ? _mock!.BaseUri.ToString().TrimEnd('/') : _mock!.OpenAiBaseUri.ToString(),
            ["ConnectionStrings__redis"] = _redis!.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) env[key] = value;
        return ExecutorProcess.StartAsync(Kind, env);
    }

    public void SkipIfUnavailable()
    {
        if (UnavailableReason is not null) Assert.Skip(UnavailableReason);
    }

    public async ValueTask DisposeAsync()
    {
        if (Executor is not null) await Executor.DisposeAsync();
        Redis?.Dispose();
        Mock?.Dispose();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
