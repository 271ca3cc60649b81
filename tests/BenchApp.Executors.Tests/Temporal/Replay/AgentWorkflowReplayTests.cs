using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Temporal;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace BenchApp.Executors.Tests.Temporal.Replay;

/// <summary>
/// The real <see cref="AgentWorkflow"/> replayed over histories written as the server records them, with no server:
/// a change that alters the command sequence (which activities, how many, in which workflow task) fails these with a
/// nondeterminism error, and the recorded activity inputs, update results and continue-as-new input pin the data.
/// </summary>
public class AgentWorkflowReplayTests
{
    private const string SessionId = "s1";
    private static readonly string WorkflowId = AgentWorkflow.WorkflowId(SessionId);
    private static readonly TurnPolicy Policy = TurnPolicy.From(new ExecutorOptions());

    private static TurnRequest Turn(string message, int maxIterations = 10) => new(message, maxIterations, Policy);

    private static async Task<RecordingInterceptor> ReplayAsync(WorkflowHistory history)
    {
        var recorder = new RecordingInterceptor();
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions { Interceptors = [recorder] }.AddWorkflow<AgentWorkflow>());
        await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: true, TestContext.Current.CancellationToken);
        return recorder;
    }

    /// <summary>A new session: the workflow starts and the first turn's update arrives with its first workflow task.</summary>
    private static (AgentHistoryBuilder Builder, long Accepted, long Completed) StartWithUpdate(string updateId, TurnRequest turn, AgentSessionInput? input = null)
    {
        var b = new AgentHistoryBuilder().Started(WorkflowId, input ?? new AgentSessionInput(SessionId, [], 2000));
        var scheduled = b.WorkflowTaskScheduled();
        var completed = b.WorkflowTaskRan(scheduled);
        return (b, b.UpdateAccepted(updateId, turn, scheduled), completed);
    }

    /// <summary>A later turn: the update arrives with a new workflow task.</summary>
    private static (long Accepted, long Completed) NextTurn(AgentHistoryBuilder b, string updateId, TurnRequest turn)
    {
        var scheduled = b.WorkflowTaskScheduled();
        var completed = b.WorkflowTaskRan(scheduled);
        return (b.UpdateAccepted(updateId, turn, scheduled), completed);
    }

    /// <summary>The Chat activity on <paramref name="conversation"/>, its reply, and the workflow task that follows.</summary>
    private static long Chat(AgentHistoryBuilder b, long completed, List<ChatMessage> conversation, LlmReply reply, int attempt = 1)
    {
        var scheduled = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), completed);
        b.ActivityCompleted(scheduled, reply, attempt, attempt > 1 ? AgentHistoryBuilder.ApplicationFailure("HTTP 500 from the LLM.", "LlmServerError", false) : null);
        conversation.Add(reply.Message);
        return b.WorkflowTask();
    }

    /// <summary>All calls of a step scheduled by one workflow task, completed, then the next workflow task.</summary>
    private static long Tools(AgentHistoryBuilder b, long completed, List<ChatMessage> conversation, params (ToolCall Call, string Output, double Ms)[] calls)
    {
        var scheduled = calls.Select(c => b.ActivityScheduled("ExecuteTool", new ToolCallInput(c.Call), completed)).ToArray();
        for (var i = 0; i < calls.Length; i++)
            b.ActivityCompleted(scheduled[i], new ToolCallResult(ChatMessage.ToolResult(calls[i].Call.Id, calls[i].Output), calls[i].Ms));
        conversation.AddRange(calls.Select(c => ChatMessage.ToolResult(c.Call.Id, c.Output)));
        return b.WorkflowTask();
    }

    private static LlmReply Text(string text, long input = 10, long output = 4, double ms = 2) => new(ChatMessage.Assistant(text), input, output, ms);

    private static LlmReply CallsReply(params ToolCall[] calls) => new(ChatMessage.Assistant(null, calls), 30, 6, 1.5);

    private static IReadOnlyList<ChatMessage> ChatInput(object? argument) => Assert.IsType<LlmCallInput>(argument).Messages;

    [Fact]
    public async Task Replay_simple_chat_started_with_update_with_start()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("hi"));
        List<ChatMessage> conversation = [ChatMessage.User("hi")];
        Chat(b, completed, conversation, new LlmReply(ChatMessage.Assistant("hello"), 12, 2, 3.5));
        var expected = new TurnResult("hello", StopReasons.Completed, 1, 1, 0, 12, 2, 3.5, 0);
        b.UpdateCompleted("u1", accepted, expected);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(expected, Assert.Single(recorded.UpdateResults));
        var (activity, argument) = Assert.Single(recorded.Activities);
        Assert.Equal("Chat", activity);
        Assert.Equal([ChatMessage.User("hi")], ChatInput(argument));
        Assert.Empty(recorded.ContinueAsNewArguments);
    }

    [Fact]
    public async Task Replay_tool_calls_of_one_reply_run_concurrently_and_their_results_reach_the_llm()
    {
        var message = "#bench tool_calls=2 parallel=2\nweather and sums";
        var (b, accepted, completed) = StartWithUpdate("u1", Turn(message));
        List<ChatMessage> conversation = [ChatMessage.User(message)];
        var weather = new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}");
        var sum = new ToolCall("call_2", "calculator", "{\"expression\":\"2+3\"}");

        completed = Chat(b, completed, conversation, CallsReply(weather, sum));
        completed = Tools(b, completed, conversation, (weather, "Oslo: 3°C, rainy, humidity 80%", 4.0), (sum, "5", 1.0));
        Chat(b, completed, conversation, Text("Rainy, and 5.", input: 90, output: 5, ms: 2.5));
        var expected = new TurnResult("Rainy, and 5.", StopReasons.Completed, 2, 2, 2, 120, 11, 4.0, 4.0);
        b.UpdateCompleted("u1", accepted, expected);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        // Tool time is the step's wall clock: the slowest of the concurrent calls, 4 ms, not 5.
        Assert.Equal(expected, Assert.Single(recorded.UpdateResults));
        var activities = recorded.Activities.ToArray();
        Assert.Equal(["Chat", "ExecuteTool", "ExecuteTool", "Chat"], activities.Select(a => a.Activity));
        Assert.Equal([weather, sum], activities[1..3].Select(a => Assert.IsType<ToolCallInput>(a.Argument).Call));
        Assert.Equal(conversation.Take(conversation.Count - 1), ChatInput(activities[3].Argument));
    }

    [Fact]
    public async Task Replay_several_turns_carry_the_whole_history_to_the_llm()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("first"));
        List<ChatMessage> conversation = [ChatMessage.User("first")];
        Chat(b, completed, conversation, Text("one"));
        b.UpdateCompleted("u1", accepted, new TurnResult("one", StopReasons.Completed, 1, 1, 0, 10, 4, 2, 0));

        var expectedInputs = new List<ChatMessage[]> { conversation.Take(1).ToArray() };
        for (var turn = 2; turn <= 3; turn++)
        {
            var id = $"u{turn}";
            var text = $"turn {turn}";
            (accepted, completed) = NextTurn(b, id, Turn(text));
            conversation.Add(ChatMessage.User(text));
            expectedInputs.Add([.. conversation]);
            Chat(b, completed, conversation, Text($"answer {turn}", input: 10 * turn));
            b.UpdateCompleted(id, accepted, new TurnResult($"answer {turn}", StopReasons.Completed, 1, 1, 0, 10 * turn, 4, 2, 0));
        }

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(["one", "answer 2", "answer 3"], recorded.UpdateResults.Select(r => Assert.IsType<TurnResult>(r).Output));
        var inputs = recorded.Activities.Select(a => ChatInput(a.Argument)).ToArray();
        Assert.Equal(3, inputs.Length);
        for (var i = 0; i < 3; i++) Assert.Equal(expectedInputs[i], inputs[i]);
        Assert.Equal(5, inputs[2].Count); // first, one, turn 2, answer 2, turn 3
    }

    [Fact]
    public async Task Replay_a_retried_activity_is_one_llm_call_to_the_workflow()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("flaky"));
        List<ChatMessage> conversation = [ChatMessage.User("flaky")];
        // The server retried Chat twice after HTTP 500s; history shows one activity whose third attempt succeeded.
        Chat(b, completed, conversation, Text("made it", ms: 7), attempt: 3);
        var expected = new TurnResult("made it", StopReasons.Completed, 1, 1, 0, 10, 4, 7, 0);
        b.UpdateCompleted("u1", accepted, expected);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(expected, Assert.Single(recorded.UpdateResults));
        Assert.Single(recorded.Activities);
    }

    [Fact]
    public async Task Replay_an_llm_failing_after_retries_fails_the_turn_and_leaves_no_trace_in_the_history()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("doomed"));
        var chat = b.ActivityScheduled("Chat", new LlmCallInput([ChatMessage.User("doomed")]), completed);
        b.ActivityFailed(chat, AgentHistoryBuilder.ApplicationFailure("HTTP 500 from the LLM.", "LlmServerError", nonRetryable: false), attempt: 3);
        b.WorkflowTask();
        b.UpdateFailed("u1", accepted, AgentHistoryBuilder.ApplicationFailure("Activity task failed", "ActivityFailure", false));

        (accepted, completed) = NextTurn(b, "u2", Turn("again"));
        List<ChatMessage> conversation = [ChatMessage.User("again")];
        Chat(b, completed, conversation, Text("fine now"));
        b.UpdateCompleted("u2", accepted, new TurnResult("fine now", StopReasons.Completed, 1, 1, 0, 10, 4, 2, 0));

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var failure = Assert.IsType<ActivityFailureException>(Assert.Single(recorded.UpdateFailures));
        var cause = Assert.IsType<ApplicationFailureException>(failure.InnerException);
        Assert.Equal(("LlmServerError", "HTTP 500 from the LLM."), (cause.ErrorType, cause.Message));
        Assert.Equal("fine now", Assert.IsType<TurnResult>(Assert.Single(recorded.UpdateResults)).Output);
        // The failed turn's user message was rolled back: the next LLM call sees only the new turn.
        Assert.Equal([ChatMessage.User("again")], ChatInput(recorded.Activities.Last().Argument));
    }

    [Fact]
    public async Task Replay_max_iterations_runs_the_last_calls_and_stops()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("#bench tool_calls=5", maxIterations: 2));
        List<ChatMessage> conversation = [ChatMessage.User("#bench tool_calls=5")];
        var c1 = new ToolCall("c1", "calculator", "{\"expression\":\"1+1\"}");
        var c2 = new ToolCall("c2", "calculator", "{\"expression\":\"2+2\"}");
        completed = Chat(b, completed, conversation, CallsReply(c1));
        completed = Tools(b, completed, conversation, (c1, "2", 0.1));
        completed = Chat(b, completed, conversation, CallsReply(c2));
        Tools(b, completed, conversation, (c2, "4", 0.2));
        var expected = new TurnResult("", StopReasons.MaxIterations, 2, 2, 2, 60, 12, 3.0, 0.30000000000000004);
        b.UpdateCompleted("u1", accepted, expected);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(expected, Assert.Single(recorded.UpdateResults));
        Assert.Equal(["Chat", "ExecuteTool", "Chat", "ExecuteTool"], recorded.Activities.Select(a => a.Activity));
    }

    [Fact]
    public async Task Replay_a_turn_past_its_run_timeout_schedules_nothing_more_and_fails()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("slow tools"));
        List<ChatMessage> conversation = [ChatMessage.User("slow tools")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Lima\",\"delay_ms\":10000}");
        completed = Chat(b, completed, conversation, CallsReply(call));
        var tool = b.ActivityScheduled("ExecuteTool", new ToolCallInput(call), completed);
        // The tool returns after the turn's deadline (run timeout 120 s): the workflow must not call the LLM again.
        b.Advance(TimeSpan.FromSeconds(121));
        b.ActivityCompleted(tool, new ToolCallResult(ChatMessage.ToolResult("c1", "Lima: 20°C"), 121_000));
        b.WorkflowTask();
        b.UpdateFailed("u1", accepted, AgentHistoryBuilder.ApplicationFailure("No final answer within 120 s.", AgentWorkflow.RunTimedOutErrorType, true));

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var failure = Assert.IsType<ApplicationFailureException>(Assert.Single(recorded.UpdateFailures));
        Assert.Equal((AgentWorkflow.RunTimedOutErrorType, "No final answer within 120 s."), (failure.ErrorType, failure.Message));
        Assert.Equal(["Chat", "ExecuteTool"], recorded.Activities.Select(a => a.Activity));
    }

    [Fact]
    public async Task Replay_continue_as_new_past_the_history_bound_carries_the_conversation()
    {
        // A bound of 8 events: the first turn ends past it, so the workflow continues as new right after.
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("remember 42"), new AgentSessionInput(SessionId, [], MaxHistoryEvents: 8));
        List<ChatMessage> conversation = [ChatMessage.User("remember 42")];
        var last = Chat(b, completed, conversation, Text("noted"));
        b.UpdateCompleted("u1", accepted, new TurnResult("noted", StopReasons.Completed, 1, 1, 0, 10, 4, 2, 0));
        var carried = new AgentSessionInput(SessionId, conversation, 8);
        b.ContinuedAsNew(carried, last);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal("noted", Assert.IsType<TurnResult>(Assert.Single(recorded.UpdateResults)).Output);
        var next = Assert.IsType<AgentSessionInput>(Assert.Single(recorded.ContinueAsNewArguments));
        Assert.Equal(SessionId, next.SessionId);
        Assert.Equal(8, next.MaxHistoryEvents);
        Assert.Equal(conversation, next.History);
    }

    [Fact]
    public async Task Replay_the_run_after_continue_as_new_starts_from_the_carried_conversation()
    {
        List<ChatMessage> carried = [ChatMessage.User("remember 42"), ChatMessage.Assistant("noted")];
        var b = new AgentHistoryBuilder().Started(WorkflowId, new AgentSessionInput(SessionId, carried, 2000));
        b.WorkflowTask(); // the new run's first task: no update yet, the workflow just waits
        var (accepted, completed) = NextTurn(b, "u2", Turn("what number?"));
        List<ChatMessage> conversation = [.. carried, ChatMessage.User("what number?")];
        Chat(b, completed, conversation, Text("42"));
        b.UpdateCompleted("u2", accepted, new TurnResult("42", StopReasons.Completed, 1, 1, 0, 10, 4, 2, 0));

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal("42", Assert.IsType<TurnResult>(Assert.Single(recorded.UpdateResults)).Output);
        Assert.Equal([.. carried, ChatMessage.User("what number?")], ChatInput(Assert.Single(recorded.Activities).Argument));
        Assert.Empty(recorded.ContinueAsNewArguments);
    }
}
