namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// <c>GET /admin/stats</c>: completion requests (OpenAI and Anthropic) since start or the last
/// <c>POST /admin/stats/reset</c>, by outcome, and the total deliberate wait in milliseconds.
/// </summary>
public sealed record MockLlmStats
{
    public long Requests { get; init; }
    public OutcomeCounts ByOutcome { get; init; } = new();
    public double WaitMsTotal { get; init; }

    /// <summary><c>release</c> or <c>debug</c>: how the mock itself was compiled (its timing is part of every latency).</summary>
    public string? Build { get; init; }
}

/// <summary>
/// How completions ended. <see cref="Cancelled"/>: the client went away during a deliberate wait;
/// <see cref="Hung"/>: an injected hang, whether the client gave up or the hang ended.
/// </summary>
public sealed record OutcomeCounts
{
    public long Ok { get; init; }
    public long Error { get; init; }
    public long RateLimited { get; init; }
    public long Hung { get; init; }
    public long BadRequest { get; init; }
    public long Cancelled { get; init; }
}
