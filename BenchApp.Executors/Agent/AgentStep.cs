using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Agent;

/// <summary>
/// The loop's decision, as a pure function of the reply and the iteration count (no I/O, no clock), so the
/// in-process executor and the Temporal workflow decide identically and it is unit-tested alone.
/// </summary>
public static class AgentStep
{
    /// <param name="reply">The assistant message just received.</param>
    /// <param name="iterations">LLM calls made in this turn, this one included.</param>
    /// <param name="maxIterations">The turn's limit of LLM calls.</param>
    public static AgentDecision Decide(ChatMessage reply, int iterations, int maxIterations)
    {
        if (!reply.HasToolCalls)
            return new AgentDecision.Finish(reply.Content ?? "", StopReasons.Completed);

        // The calls of the last allowed reply still run, so the history never ends with unanswered tool
        // calls (the next turn's LLM request would be invalid); only the LLM is not called again.
        return new AgentDecision.RunTools(reply.ToolCalls!, IsLastIteration: iterations >= maxIterations);
    }

    /// <summary>The answer when the loop is cut by max_iterations: the last assistant text of the turn, or "".</summary>
    public static string LastText(string current, ChatMessage reply) =>
        string.IsNullOrEmpty(reply.Content) ? current : reply.Content;
}
