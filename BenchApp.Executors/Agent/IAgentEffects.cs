namespace BenchApp.Executors.Agent;

/// <summary>
/// What the agent loop needs from the world: an LLM reply and the results of a step of tool calls.
/// In-process these are direct calls; on Temporal they are activities. Everything else is plain decision logic.
/// </summary>
public interface IAgentEffects
{
    Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken);

    /// <summary>Runs the calls of one LLM reply (concurrently when there are several).</summary>
    Task<ToolStepResult> RunToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken);
}

/// <summary>
/// An assistant message with the usage the LLM reported and how long the call took (retries included).
/// <paramref name="Attempts"/>: the attempt that answered (1 when the engine does not retry apart from the call).
/// </summary>
public sealed record LlmReply(ChatMessage Message, long InputTokens, long OutputTokens, double ElapsedMs, int Attempts = 1);

/// <summary>Tool results in call order and the wall-clock time of the step.</summary>
public sealed record ToolStepResult(IReadOnlyList<ChatMessage> Results, double ElapsedMs);
