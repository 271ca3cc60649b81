using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Temporal;

// Payloads of the workflow and its activities. They are recorded in workflow histories: change them only in
// ways old histories still deserialize (add optional members), or the replay tests will say so.

/// <summary>Start (and continue-as-new) input of a session's workflow: the history so far travels with it.</summary>
public sealed record AgentSessionInput(string SessionId, IReadOnlyList<ChatMessage> History, int MaxHistoryEvents);

/// <summary>One user turn, the argument of the <c>RunTurn</c> update.</summary>
public sealed record TurnRequest(string Message, int MaxIterations, TurnPolicy Policy, string? TraceParent = null);

/// <summary>
/// Timeouts and the LLM retry policy of a turn. They come from configuration through the update's argument,
/// because workflow code must not read configuration (it would not replay the same).
/// </summary>
public sealed record TurnPolicy(
    double RunTimeoutMs,
    double LlmAttemptTimeoutMs,
    double ToolAttemptTimeoutMs,
    int MaxAttempts,
    double InitialBackoffMs,
    double BackoffCoefficient,
    double MaxBackoffMs)
{
    public static TurnPolicy From(ExecutorOptions options) => new(
        options.RunTimeout.TotalMilliseconds,
        options.Llm.AttemptTimeout.TotalMilliseconds,
        options.Temporal.ToolAttemptTimeout.TotalMilliseconds,
        options.Llm.MaxAttempts,
        options.Llm.InitialBackoff.TotalMilliseconds,
        options.Llm.BackoffCoefficient,
        options.Llm.MaxBackoff.TotalMilliseconds);

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
public sealed record LlmCallInput(IReadOnlyList<ChatMessage> Messages, string? TraceParent = null);

/// <summary>Input of the <c>ExecuteTool</c> activity.</summary>
public sealed record ToolCallInput(ToolCall Call, string? TraceParent = null);

/// <summary>Result of the <c>ExecuteTool</c> activity: the tool message and how long the tool took.</summary>
public sealed record ToolCallResult(ChatMessage Message, double ElapsedMs);
