namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Accounting for one <c>run=</c> id of the <c>#bench</c> directive (<c>GET /admin/runs/{run}</c>).
/// <see cref="Requests"/> counts every completion that carried the id, <see cref="LlmCalls"/> those answered
/// with 200, <see cref="Faults"/> the injected 500/429/hangs; tokens are what the replies reported; wait is the
/// deliberate latency including hangs.
/// </summary>
public sealed record RunStats
{
    public required string Run { get; init; }
    public long Requests { get; init; }
    public long LlmCalls { get; init; }
    public long Faults { get; init; }
    public double WaitMs { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>Answered calls whose call index (tool results since the user message) had been answered before: LLM work done twice.</summary>
    public long RepeatedLlmCalls { get; init; }

    /// <summary>Tool calls in the replies to those repeated calls: tool calls the LLM was made to issue again (each then runs again).</summary>
    public long RepeatedToolCalls { get; init; }
}

/// <summary><c>GET /admin/runs?ids=a,b,c</c>: the known runs among the ids, in the order asked; unknown ids are left out.</summary>
public sealed record RunStatsList
{
    public const int MaxIds = 1000;

    public IReadOnlyList<RunStats> Runs { get; init; } = [];
}
