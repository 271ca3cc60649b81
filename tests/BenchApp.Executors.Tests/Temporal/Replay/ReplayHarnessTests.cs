using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Temporal;
using Temporalio.Worker;

namespace BenchApp.Executors.Tests.Temporal.Replay;

/// <summary>The replay tests are only worth something if a history that does not match the code fails: these check that it does.</summary>
public class ReplayHarnessTests
{
    private static readonly TurnPolicy Policy = TurnPolicy.From(new ExecutorOptions());

    private static AgentHistoryBuilder FirstTurn(string chatActivityType, out long accepted)
    {
        var b = new AgentHistoryBuilder().Started("w", new AgentSessionInput("s", [], 2000));
        var first = b.WorkflowTaskScheduled();
        var completed = b.WorkflowTaskRan(first);
        accepted = b.UpdateAccepted("u1", new TurnRequest("hi", 10, Policy), first);
        var chat = b.ActivityScheduled(chatActivityType, new LlmCallInput([ChatMessage.User("hi")]), completed);
        b.ActivityCompleted(chat, new LlmReply(ChatMessage.Assistant("hello"), 1, 1, 1));
        b.WorkflowTask();
        return b;
    }

    private static Task ReplayAsync(AgentHistoryBuilder b) =>
        new WorkflowReplayer(new WorkflowReplayerOptions { DataConverter = AgentPayloads.Converter }.AddWorkflow<AgentWorkflow>())
            .ReplayWorkflowAsync(b.Build("w"), throwOnReplayFailure: true, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Replay_fails_when_the_history_has_another_activity_type()
    {
        var b = FirstTurn("ExecuteTool", out var accepted);
        b.UpdateCompleted("u1", accepted, new TurnResult("hello", StopReasons.Completed, 1, 1, 0, 1, 1, 1, 0));
        var e = await Assert.ThrowsAsync<Temporalio.Exceptions.WorkflowNondeterminismException>(() => ReplayAsync(b));
        Assert.Contains("'ExecuteTool' does not match activity type of activity command 'Chat'", e.Message);
    }

    [Fact]
    public async Task Replay_fails_when_the_code_would_schedule_an_activity_the_history_lacks()
    {
        var b = new AgentHistoryBuilder().Started("w", new AgentSessionInput("s", [], 2000));
        var first = b.WorkflowTaskScheduled();
        b.WorkflowTaskRan(first);
        var accepted = b.UpdateAccepted("u1", new TurnRequest("hi", 10, Policy), first);
        b.UpdateCompleted("u1", accepted, new TurnResult("hello", StopReasons.Completed, 1, 1, 0, 1, 1, 1, 0));
        var e = await Assert.ThrowsAsync<Temporalio.Exceptions.WorkflowNondeterminismException>(() => ReplayAsync(b));
        Assert.Contains("WorkflowExecutionUpdateCompleted", e.Message);
    }
}
