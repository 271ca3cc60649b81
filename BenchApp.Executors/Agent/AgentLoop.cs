namespace BenchApp.Executors.Agent;

/// <summary>
/// The agent loop both executors run: history -> LLM -> tool calls -> LLM ... until a reply without tool
/// calls or max_iterations LLM calls. It appends every message to <c>history</c> and never reads a clock,
/// so it is deterministic when its effects are (the Temporal workflow runs this same code).
/// </summary>
public static class AgentLoop
{
    public static async Task<TurnResult> RunAsync(
        List<ChatMessage> history, int maxIterations, IAgentEffects effects, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var accounting = new RunAccounting();
        var lastText = "";
        while (true)
        {
            // No ConfigureAwait(false): inside a workflow the continuation must stay on Temporal's scheduler.
            var reply = await effects.CompleteAsync(history, cancellationToken);
            accounting.AddLlmReply(reply);
            history.Add(reply.Message);
            lastText = AgentStep.LastText(lastText, reply.Message);

            switch (AgentStep.Decide(reply.Message, accounting.Iterations, maxIterations))
            {
                case AgentDecision.Finish finish:
                    return accounting.ToResult(finish.Output, finish.StopReason);

                case AgentDecision.RunTools run:
                    var step = await effects.RunToolsAsync(run.Calls, cancellationToken);
                    accounting.AddToolStep(run.Calls.Count, step);
                    history.AddRange(step.Results);
                    if (run.IsLastIteration)
                        return accounting.ToResult(lastText, BenchApp.Contracts.Runs.StopReasons.MaxIterations);
                    break;
            }
        }
    }
}
