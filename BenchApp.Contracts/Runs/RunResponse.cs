namespace BenchApp.Contracts.Runs;

/// <summary>Reply to <c>POST /v1/runs</c>: the turn's answer and what it cost.</summary>
public sealed record RunResponse
{
    public required string SessionId { get; init; }
    public required string Output { get; init; }

    /// <summary><c>completed</c> (the LLM gave a final answer) or <c>max_iterations</c> (the loop was cut).</summary>
    public required string StopReason { get; init; }

    /// <summary>Loop iterations, one LLM call each.</summary>
    public required int Iterations { get; init; }
    public required int LlmCalls { get; init; }
    public required int ToolCalls { get; init; }
    public required RunUsage Usage { get; init; }
    public required RunTimings TimingsMs { get; init; }

    /// <summary>What this turn wrote to the state store and the session's stored size after it; null when the executor does not say.</summary>
    public StateBytes? StateBytes { get; init; }
}

/// <summary>
/// <c>state_bytes</c>: bytes this turn wrote to the state store, and the session's stored size after the turn
/// (Redis value size, checkpoint blobs, Temporal history size); Temporal adds the history's event count.
/// A figure the executor cannot know is null, never made up.
/// </summary>
public sealed record StateBytes(long? Turn, long? Session, long? Events = null);

public static class StopReasons
{
    public const string Completed = "completed";
    public const string MaxIterations = "max_iterations";
}

public sealed record RunUsage(long InputTokens, long OutputTokens)
{
    public static readonly RunUsage Zero = new(0, 0);
    public RunUsage Add(RunUsage other) => new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens);
}

/// <summary>Milliseconds spent in the run: in total, waiting for the LLM, running tools, persisting state.</summary>
public sealed record RunTimings(double Total, double Llm, double Tool, double State);
