namespace BenchApp.Executors.Agent;

/// <summary>What a turn cost: loop counts, token usage, and time waiting on the LLM and running tools.</summary>
public sealed class RunAccounting
{
    public int Iterations { get; private set; }
    public int LlmCalls { get; private set; }
    public int ToolCalls { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public double LlmMs { get; private set; }
    public double ToolMs { get; private set; }

    /// <summary>One LLM request that returned a reply (retried attempts are inside it, not counted apart).</summary>
    public void AddLlmReply(LlmReply reply)
    {
        Iterations++;
        LlmCalls++;
        InputTokens += reply.InputTokens;
        OutputTokens += reply.OutputTokens;
        LlmMs += reply.ElapsedMs;
    }

    public void AddToolStep(int calls, ToolStepResult step)
    {
        ToolCalls += calls;
        ToolMs += step.ElapsedMs;
    }

    public TurnResult ToResult(string output, string stopReason) =>
        new(output, stopReason, Iterations, LlmCalls, ToolCalls, InputTokens, OutputTokens, LlmMs, ToolMs);
}
