namespace BenchApp.Executors.Agent;

/// <summary>What the loop does after an LLM reply.</summary>
public abstract record AgentDecision
{
    private AgentDecision() { }

    /// <summary>Stop with <paramref name="Output"/>; <paramref name="StopReason"/> is a contract stop reason.</summary>
    public sealed record Finish(string Output, string StopReason) : AgentDecision;

    /// <summary>Run <paramref name="Calls"/>; then call the LLM again, or stop when <paramref name="IsLastIteration"/>.</summary>
    public sealed record RunTools(IReadOnlyList<ToolCall> Calls, bool IsLastIteration) : AgentDecision;
}
