namespace BenchApp.Executors.Agent;

/// <summary>
/// The outcome of one turn of the agent loop: the answer and its accounting. It is also the result of the
/// Temporal update, so keep it a plain serializable record.
/// </summary>
public sealed record TurnResult(
    string Output,
    string StopReason,
    int Iterations,
    int LlmCalls,
    int ToolCalls,
    long InputTokens,
    long OutputTokens,
    double LlmMs,
    double ToolMs);
