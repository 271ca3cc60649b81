using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;
using Temporalio.Workflows;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The loop's effects inside the workflow: the LLM call and each tool call are activities, the calls of one
/// step run concurrently (Workflow.WhenAllAsync). Every activity's deadline is the turn's, so nothing of a
/// turn runs past its run timeout.
/// </summary>
internal sealed class WorkflowAgentEffects(TurnRequest turn, DateTime deadline) : IAgentEffects
{
    public Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        var input = new LlmCallInput([.. history], turn.TraceParent);
        return Workflow.ExecuteActivityAsync((AgentActivities a) => a.ChatAsync(input), Options(turn.Policy.LlmAttemptTimeoutMs));
    }

    public async Task<ToolStepResult> RunToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken)
    {
        var options = Options(turn.Policy.ToolAttemptTimeoutMs);
        var results = await Workflow.WhenAllAsync(calls.Select(call =>
        {
            var input = new ToolCallInput(call, turn.TraceParent);
            return Workflow.ExecuteActivityAsync((AgentActivities a) => a.ExecuteToolAsync(input), options);
        }));
        // The calls ran concurrently: the step took as long as its slowest call.
        return new ToolStepResult(results.Select(r => r.Message).ToList(), results.Max(r => r.ElapsedMs));
    }

    private ActivityOptions Options(double attemptTimeoutMs)
    {
        var remaining = deadline - Workflow.UtcNow;
        if (remaining <= TimeSpan.Zero) throw AgentWorkflow.RunTimedOut(turn.Policy);
        var attempt = TimeSpan.FromMilliseconds(attemptTimeoutMs);
        return new ActivityOptions
        {
            StartToCloseTimeout = attempt < remaining ? attempt : remaining,
            ScheduleToCloseTimeout = remaining,
            RetryPolicy = LlmRetryPolicy.ForTemporal(turn.Policy.ToLlmOptions()),
        };
    }
}
