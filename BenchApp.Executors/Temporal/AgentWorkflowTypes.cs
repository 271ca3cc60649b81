using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Temporal;

// Payloads of the workflow and its activities, written by AgentPayloads.Converter (camelCase JSON, nulls left out).
// They are recorded in workflow histories: change them only in ways old histories still deserialize (add optional
// members), or the replay tests will say so. The trace context travels in Temporal headers, not in these.

/// <summary>
/// Start (and continue-as-new) input of a session's workflow: the history so far travels with it.
/// <paramref name="IdleTimeoutMs"/>: the session ends after this long without a turn (0: never), as a Redis key expires.
/// </summary>
public sealed record AgentSessionInput(string SessionId, IReadOnlyList<ChatMessage> History, int MaxHistoryEvents, double IdleTimeoutMs = 0);

/// <summary>One user turn, the argument of the <c>RunTurn</c> update.</summary>
public sealed record TurnRequest(string Message, int MaxIterations, TurnPolicy Policy);

/// <summary>The <c>RunTurn</c> update's result: the turn and what the session's history holds after it.</summary>
/// <param name="HistoryBytes">Workflow.CurrentHistorySize at the turn's last workflow task: the session's stored size.</param>
/// <param name="HistoryEvents">Workflow.CurrentHistoryLength at the same point.</param>
/// <param name="TurnBytes">How much the history grew during the turn (the size at its last workflow task minus at its first).</param>
public sealed record TurnOutcome(TurnResult Turn, long HistoryBytes, long HistoryEvents, long TurnBytes);

/// <summary>
/// Timeouts and the LLM retry policy of a turn. They come from configuration through the update's argument,
/// because workflow code must not read configuration (it would not replay the same).
/// </summary>
/// <param name="RunTimeoutMs">The contract's run timeout, as the client is told it.</param>
/// <param name="DeadlineGraceMs">The workflow gives up this much before the HTTP side does, so its own failure reaches the client.</param>
/// <param name="HeartbeatTimeoutMs">An activity that sends no heartbeat for this long is retried elsewhere (a crashed worker).</param>
public sealed record TurnPolicy(
    double RunTimeoutMs,
    double LlmAttemptTimeoutMs,
    double ToolAttemptTimeoutMs,
    int MaxAttempts,
    double InitialBackoffMs,
    double BackoffCoefficient,
    double MaxBackoffMs,
    double DeadlineGraceMs = 0,
    double HeartbeatTimeoutMs = 0)
{
    public static TurnPolicy From(ExecutorOptions options) => new(
        options.RunTimeout.TotalMilliseconds,
        options.Llm.AttemptTimeout.TotalMilliseconds,
        options.Temporal.ToolAttemptTimeout.TotalMilliseconds,
        options.Llm.MaxAttempts,
        options.Llm.InitialBackoff.TotalMilliseconds,
        options.Llm.BackoffCoefficient,
        options.Llm.MaxBackoff.TotalMilliseconds,
        TemporalTuning.DeadlineGrace(options.RunTimeout).TotalMilliseconds,
        options.Temporal.HeartbeatTimeout.TotalMilliseconds);

    public LlmOptions ToLlmOptions() => new()
    {
        MaxAttempts = MaxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(InitialBackoffMs),
        BackoffCoefficient = BackoffCoefficient,
        MaxBackoff = TimeSpan.FromMilliseconds(MaxBackoffMs),
        AttemptTimeout = TimeSpan.FromMilliseconds(LlmAttemptTimeoutMs),
    };
}

/// <summary>Input of the <c>Chat</c> activity: the whole history (the LLM is stateless).</summary>
public sealed record LlmCallInput(IReadOnlyList<ChatMessage> Messages);

/// <summary>Input of the <c>ExecuteTool</c> activity.</summary>
public sealed record ToolCallInput(ToolCall Call);

/// <summary>Result of the <c>ExecuteTool</c> activity: the tool message and how long the tool took.</summary>
public sealed record ToolCallResult(ChatMessage Message, double ElapsedMs);
