using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;
using Temporalio.Workflows;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The loop's effects inside the workflow: the LLM call and each tool call are activities, the calls of one
/// step run concurrently (Workflow.WhenAllAsync). Every activity's deadline is the turn's, so nothing of a
/// turn runs past its run timeout; activities heartbeat, so a crashed worker's call is retried within seconds.
/// </summary>
internal sealed class WorkflowAgentEffects(TurnRequest turn, DateTime deadline) : IAgentEffects
{
    // By name: the lambda form compiles an expression on every call (Temporalio ExpressionUtil), per LLM and tool call.
    private const string ChatActivity = AgentActivities.ChatName;
    private const string ToolActivity = AgentActivities.ExecuteToolName;

    public async Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        var input = new LlmCallInput([.. history]);
        var scheduled = Workflow.UtcNow;
        var reply = await Workflow.ExecuteActivityAsync<LlmReply>(ChatActivity, [input], Options(turn.Policy.LlmAttemptTimeoutMs));
        // The LLM's share of the turn covers every attempt and the back-off between them, as the in-process
        // executor's resilience handler does. One attempt: its own measured call (Workflow.UtcNow moves only per
        // workflow task, so it would add the task-queue hops). Retried: the workflow's clock around the activity.
        return reply.Attempts > 1 ? reply with { ElapsedMs = (Workflow.UtcNow - scheduled).TotalMilliseconds } : reply;
    }

    public async Task<ToolStepResult> RunToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken)
    {
        var options = Options(turn.Policy.ToolAttemptTimeoutMs);
        var results = await Workflow.WhenAllAsync(calls.Select(call =>
        {
            var input = new ToolCallInput(call);
            return Workflow.ExecuteActivityAsync<ToolCallResult>(ToolActivity, [input], options);
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
            HeartbeatTimeout = turn.Policy.HeartbeatTimeoutMs > 0 ? TimeSpan.FromMilliseconds(turn.Policy.HeartbeatTimeoutMs) : null,
            RetryPolicy = LlmRetryPolicy.ForTemporal(turn.Policy.ToLlmOptions()),
        };
    }
}
