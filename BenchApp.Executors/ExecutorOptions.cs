namespace BenchApp.Executors;

/// <summary>Which engine runs the agent loop; chosen at start with <c>--executor temporal|inproc|agent-framework</c> or <c>Executor:Kind</c>.</summary>
public enum ExecutorKind
{
    InProc,
    Temporal,
    /// <summary>Microsoft Agent Framework's <c>ChatClientAgent</c>, its session serialized to Redis.</summary>
    AgentFramework,
}

/// <summary>Settings of the executor, bound from the <c>Executor</c> section (environment: <c>Executor__RunTimeout</c>, ...).</summary>
public sealed class ExecutorOptions
{
    public const string Section = "Executor";

    public ExecutorKind Kind { get; set; } = ExecutorKind.InProc;

    /// <summary>The name /v1/info reports; defaults to the Aspire resource name of the kind.</summary>
    public string? Name { get; set; }

    /// <summary>No run goes on past this (the contract's default is 120 s); past it the client gets 504.</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// One call to the state store (connect, read, write, health PING) gives up after this
    /// (<c>Executor__StateStoreTimeout</c>); past it the run ends with 503 <c>dependency-unavailable</c>.
    /// </summary>
    public TimeSpan StateStoreTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public LlmOptions Llm { get; set; } = new();
    public RedisOptions Redis { get; set; } = new();
    public TemporalOptions Temporal { get; set; } = new();

    public string ResourceName => Name ?? Kind switch
    {
        ExecutorKind.Temporal => "dotnet-temporal",
        ExecutorKind.AgentFramework => "dotnet-agent-framework",
        _ => "dotnet-inproc",
    };
}

/// <summary>
/// The LLM endpoint and the retry policy of LLM calls. The same numbers drive the in-process resilience
/// handler and the Temporal activity retry policy, so the executors differ only in durability.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>OpenAI base URL incl. /v1; from <c>LLM_BASE_URL</c>, else the <c>mock-llm</c> resource by service discovery.</summary>
    public string? BaseUrl { get; set; }
    public string Model { get; set; } = "bench-model";
    public string ApiKey { get; set; } = "mock-key";

    /// <summary>Attempts per LLM call, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>Upper bound of one wait between attempts, a server's Retry-After included.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One attempt gives up after this (then it is retried like a 5xx).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public const string ServiceDiscoveryBaseUrl = "https+http://mock-llm/v1/";
}

public sealed class RedisOptions
{
    /// <summary>A session's history expires this long after its last turn.</summary>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromHours(1);
    public string KeyPrefix { get; set; } = "bench:dotnet-inproc:session:";
}

public sealed class TemporalOptions
{
    /// <summary>host:port; from <c>ConnectionStrings:temporal</c>, else <c>TEMPORAL_ADDRESS</c>.</summary>
    public string? Address { get; set; }

    /// <summary>From <c>TEMPORAL_NAMESPACE</c>; default <c>default</c>.</summary>
    public string Namespace { get; set; } = "default";
    public string TaskQueue { get; set; } = "benchapp-agent";

    /// <summary>A session's workflow continues as new once its history has this many events (or the server suggests it).</summary>
    public int MaxHistoryEvents { get; set; } = 2000;

    /// <summary>A session's workflow chain ends this long after it started (Temporal's execution timeout).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Start-to-close timeout of one tool activity attempt (tools may be asked to wait up to 10 s).</summary>
    public TimeSpan ToolAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A session's workflow ends after this long without a turn; unset: the Redis TTL of the other executors (<c>Executor:Redis:SessionTtl</c>).</summary>
    public TimeSpan? SessionIdleTimeout { get; set; }

    /// <summary>An activity that has not heartbeat for this long is retried on another worker (a crashed executor is noticed this fast).</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a running activity heartbeats (the SDK sends at most one per 80% of the heartbeat timeout).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A workflow task waits this long on a dead worker's sticky queue before any worker may take it (SDK default 10 s).</summary>
    public TimeSpan StickyQueueScheduleToStartTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Workflows kept in the worker's sticky cache (SDK default 10,000: every session of a whole suite).</summary>
    public int MaxCachedWorkflows { get; set; } = 1000;

    /// <summary>Workflow tasks run at once (SDK default 100); above the largest configured concurrency (200).</summary>
    public int MaxConcurrentWorkflowTasks { get; set; } = 400;

    /// <summary>Activities run at once (SDK default 100): 200 sessions with parallel tool calls need several each.</summary>
    public int MaxConcurrentActivities { get; set; } = 1000;

    /// <summary>Upper bound of the autoscaling pollers of each task kind (SDK default for autoscaling: 100).</summary>
    public int MaxPollers { get; set; } = 100;
}
