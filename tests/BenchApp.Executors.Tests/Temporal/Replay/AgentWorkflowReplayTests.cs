using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace BenchApp.Executors.Tests.Temporal.Replay;

/// <summary>
/// The real <see cref="AgentWorkflow"/> replayed over histories written as the server records them, with no server:
/// a change that alters the command sequence (which activities and timers, how many, in which workflow task) fails
/// these with a nondeterminism error, and the recorded activity inputs and options, update results and
/// continue-as-new input pin the data. The histories carry the lang flag a live worker records, so replay runs the
/// SDK's modern event loop, as production does.
/// </summary>
public class AgentWorkflowReplayTests
{
    private const string SessionId = "s1";
    private static readonly string WorkflowId = AgentWorkflow.WorkflowId(SessionId);
    private static readonly TurnPolicy Policy = TurnPolicy.From(new ExecutorOptions());
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    // Deadline of a turn: the run timeout less the grace that lets the workflow's failure reach the client first.
    private static readonly TimeSpan TurnDeadline = TimeSpan.FromMilliseconds(Policy.RunTimeoutMs - Policy.DeadlineGraceMs);

    private static TurnRequest Turn(string message, int maxIterations = 10) => new(message, maxIterations, Policy);

    private static AgentSessionInput Session(int maxHistoryEvents = 2000, IReadOnlyList<ChatMessage>? history = null) =>
        new(SessionId, history ?? [], maxHistoryEvents, Idle.TotalMilliseconds);

    private static async Task<RecordingInterceptor> ReplayAsync(WorkflowHistory history)
    {
        var recorder = new RecordingInterceptor();
        // The recorder inside the tracing interceptor: it sees the headers the tracing interceptor adds.
        var options = new WorkflowReplayerOptions { Interceptors = [recorder, new TemporalTracingInterceptor()], DataConverter = AgentPayloads.Converter };
        var replayer = new WorkflowReplayer(options.AddWorkflow<AgentWorkflow>());
        await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: true, TestContext.Current.CancellationToken);
        return recorder;
    }

    /// <summary>A new session: the workflow starts and the first turn's update arrives with its first workflow task.</summary>
    private static (AgentHistoryBuilder Builder, long Accepted, long Completed) StartWithUpdate(
        string updateId, TurnRequest turn, AgentSessionInput? input = null, string? traceParent = null)
    {
        var b = new AgentHistoryBuilder().Started(WorkflowId, input ?? Session());
        var scheduled = b.WorkflowTaskScheduled();
        var completed = b.WorkflowTaskRan(scheduled);
        return (b, b.UpdateAccepted(updateId, turn, scheduled, traceParent), completed);
    }

    /// <summary>
    /// A turn ended (its update completed) in the workflow task completed at <paramref name="completed"/>: the workflow,
    /// idle again, starts its idle timer in the same task. Returns the timer's event id.
    /// </summary>
    private static long TurnEnded(AgentHistoryBuilder b, string updateId, long accepted, long completed, object result)
    {
        b.UpdateCompleted(updateId, accepted, result);
        return b.TimerStarted(Idle, completed);
    }

    /// <summary>A turn failed (its update completed with a failure); the workflow starts its idle timer. Returns the timer's event id.</summary>
    private static long TurnFailed(AgentHistoryBuilder b, string updateId, long accepted, long completed)
    {
        b.UpdateFailed(updateId, accepted, AgentHistoryBuilder.ApplicationFailure("the turn failed", "ActivityFailure", false));
        return b.TimerStarted(Idle, completed);
    }

    /// <summary>A later turn: the update arrives with a new workflow task, which cancels the idle timer.</summary>
    private static (long Accepted, long Completed) NextTurn(AgentHistoryBuilder b, string updateId, TurnRequest turn, long idleTimer, Action<long>? scheduleFirst = null)
    {
        var scheduled = b.WorkflowTaskScheduled();
        var completed = b.WorkflowTaskRan(scheduled);
        var accepted = b.UpdateAccepted(updateId, turn, scheduled);
        scheduleFirst?.Invoke(completed);
        b.TimerCanceled(idleTimer, completed);
        return (accepted, completed);
    }

    /// <summary>The Chat activity on <paramref name="conversation"/>, its reply, and the workflow task that follows.</summary>
    private static long Chat(AgentHistoryBuilder b, long completed, List<ChatMessage> conversation, LlmReply reply, int attempt = 1)
    {
        var scheduled = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), completed);
        return ChatResult(b, scheduled, conversation, reply, attempt);
    }

    private static long ChatResult(AgentHistoryBuilder b, long scheduled, List<ChatMessage> conversation, LlmReply reply, int attempt = 1)
    {
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

    private static TurnResult TurnOf(object? outcome) => Assert.IsType<TurnOutcome>(outcome).Turn;

    [Fact]
    public async Task Replay_simple_chat_started_with_update_with_start()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("hi"));
        List<ChatMessage> conversation = [ChatMessage.User("hi")];
        var last = Chat(b, completed, conversation, new LlmReply(ChatMessage.Assistant("hello"), 12, 2, 3.5));
        TurnEnded(b, "u1", accepted, last, "ignored by replay");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var outcome = Assert.IsType<TurnOutcome>(Assert.Single(recorded.UpdateResults));
        Assert.Equal(new TurnResult("hello", StopReasons.Completed, 1, 1, 0, 12, 2, 3.5, 0), outcome.Turn);
        // state_bytes: the history as of the turn's last workflow task (started as event last - 1), and its growth in the turn.
        Assert.Equal(AgentHistoryBuilder.HistorySizeAt(last - 1), outcome.HistoryBytes);
        Assert.Equal(last - 1, outcome.HistoryEvents);
        Assert.Equal(AgentHistoryBuilder.HistorySizeAt(last - 1) - AgentHistoryBuilder.HistorySizeAt(3), outcome.TurnBytes);
        var activity = Assert.Single(recorded.Activities);
        Assert.Equal("Chat", activity.Activity);
        Assert.Equal([ChatMessage.User("hi")], ChatInput(activity.Argument));
        Assert.Empty(recorded.ContinueAsNewArguments);
    }

    [Fact]
    public async Task Replay_records_activity_options_bounded_by_the_turns_deadline_with_heartbeats()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("#bench tool_calls=1\nweather"));
        List<ChatMessage> conversation = [ChatMessage.User("#bench tool_calls=1\nweather")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Oslo\"}");
        Chat(b, completed, conversation, CallsReply(call)); // its workflow task schedules the tool

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var activities = recorded.Activities.ToArray();
        Assert.Equal(["Chat", "ExecuteTool"], activities.Select(a => a.Activity));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)), (activities[1].Options.StartToCloseTimeout, activities[1].Options.HeartbeatTimeout));
        var chat = activities[0].Options;
        Assert.Equal(TimeSpan.FromMilliseconds(Policy.LlmAttemptTimeoutMs), chat.StartToCloseTimeout);
        // Scheduled in the first workflow task, a few ms after the turn arrived: the whole deadline is left.
        Assert.InRange(chat.ScheduleToCloseTimeout!.Value, TurnDeadline - TimeSpan.FromSeconds(1), TurnDeadline);
        Assert.Equal(TimeSpan.FromSeconds(5), chat.HeartbeatTimeout);
        Assert.Equal((3, 0.2, 2f, 5.0), (chat.RetryPolicy!.MaximumAttempts, chat.RetryPolicy.InitialInterval.TotalSeconds, chat.RetryPolicy.BackoffCoefficient, chat.RetryPolicy.MaximumInterval!.Value.TotalSeconds));
        Assert.Equal([LlmRetryPolicy.BadRequestErrorType, LlmRetryPolicy.MalformedReplyErrorType], chat.RetryPolicy.NonRetryableErrorTypes!);
    }

    [Fact]
    public async Task Replay_a_tool_scheduled_late_in_the_turn_gets_only_the_time_that_is_left()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("slow"));
        List<ChatMessage> conversation = [ChatMessage.User("slow")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Oslo\"}");
        var chat = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), completed);
        b.Advance(TimeSpan.FromSeconds(100)); // the LLM took 100 s
        var afterChat = ChatResult(b, chat, conversation, CallsReply(call));
        b.ActivityScheduled("ExecuteTool", new ToolCallInput(call), afterChat);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var tool = recorded.Activities.Last();
        Assert.Equal("ExecuteTool", tool.Activity);
        var left = tool.Options.ScheduleToCloseTimeout!.Value;
        Assert.InRange(left, TurnDeadline - TimeSpan.FromSeconds(101), TurnDeadline - TimeSpan.FromSeconds(100));
        Assert.Equal(left, tool.Options.StartToCloseTimeout); // the 30 s attempt timeout is cut to what is left
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
        var last = Chat(b, completed, conversation, Text("Rainy, and 5.", input: 90, output: 5, ms: 2.5));
        TurnEnded(b, "u1", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        // Tool time is the step's wall clock: the slowest of the concurrent calls, 4 ms, not 5.
        Assert.Equal(new TurnResult("Rainy, and 5.", StopReasons.Completed, 2, 2, 2, 120, 11, 4.0, 4.0), TurnOf(Assert.Single(recorded.UpdateResults)));
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
        var last = Chat(b, completed, conversation, Text("one"));
        var timer = TurnEnded(b, "u1", accepted, last, "ignored");

        var expectedInputs = new List<ChatMessage[]> { conversation.Take(1).ToArray() };
        for (var turn = 2; turn <= 3; turn++)
        {
            var id = $"u{turn}";
            var text = $"turn {turn}";
            conversation.Add(ChatMessage.User(text));
            expectedInputs.Add([.. conversation]);
            long chat = 0;
            (accepted, completed) = NextTurn(b, id, Turn(text), timer, c => chat = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), c));
            last = ChatResult(b, chat, conversation, Text($"answer {turn}", input: 10 * turn));
            timer = TurnEnded(b, id, accepted, last, "ignored");
        }

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(["one", "answer 2", "answer 3"], recorded.UpdateResults.Select(r => TurnOf(r).Output));
        var inputs = recorded.Activities.Select(a => ChatInput(a.Argument)).ToArray();
        Assert.Equal(3, inputs.Length);
        for (var i = 0; i < 3; i++) Assert.Equal(expectedInputs[i], inputs[i]);
        Assert.Equal(5, inputs[2].Count); // first, one, turn 2, answer 2, turn 3
    }

    [Fact]
    public async Task Replay_a_retried_llm_call_counts_its_attempts_and_back_off_as_llm_time()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("flaky"));
        List<ChatMessage> conversation = [ChatMessage.User("flaky")];
        // The server retried Chat twice after HTTP 500s; history shows one activity whose third attempt succeeded,
        // 1.5 s after the workflow scheduled it (two attempts and their back-off).
        var chat = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), completed);
        var scheduledAt = b.Now;
        b.Advance(TimeSpan.FromMilliseconds(1500));
        var last = ChatResult(b, chat, conversation, Text("made it", ms: 7) with { Attempts = 3 }, attempt: 3);
        TurnEnded(b, "u1", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var turn = TurnOf(Assert.Single(recorded.UpdateResults));
        Assert.Equal((1, "made it"), (turn.LlmCalls, turn.Output));
        // Workflow.UtcNow is the start time of the task that sees the result: scheduled + 1.5 s + the events in between.
        Assert.InRange(turn.LlmMs, 1500, 1510);
        Assert.Single(recorded.Activities);
        _ = scheduledAt;
    }

    [Fact]
    public async Task Replay_an_llm_failing_after_retries_fails_the_turn_and_leaves_no_trace_in_the_history()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("doomed"));
        var chat = b.ActivityScheduled("Chat", new LlmCallInput([ChatMessage.User("doomed")]), completed);
        b.ActivityFailed(chat, AgentHistoryBuilder.ApplicationFailure("HTTP 500 from the LLM.", "LlmServerError", nonRetryable: false), attempt: 3);
        var failedTask = b.WorkflowTask();
        var timer = TurnFailed(b, "u1", accepted, failedTask);

        List<ChatMessage> conversation = [ChatMessage.User("again")];
        long next = 0;
        (accepted, completed) = NextTurn(b, "u2", Turn("again"), timer, c => next = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), c));
        var last = ChatResult(b, next, conversation, Text("fine now"));
        TurnEnded(b, "u2", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var failure = Assert.IsType<ActivityFailureException>(Assert.Single(recorded.UpdateFailures));
        var cause = Assert.IsType<ApplicationFailureException>(failure.InnerException);
        Assert.Equal(("LlmServerError", "HTTP 500 from the LLM."), (cause.ErrorType, cause.Message));
        Assert.Equal("fine now", TurnOf(Assert.Single(recorded.UpdateResults)).Output);
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
        var last = Tools(b, completed, conversation, (c2, "4", 0.2));
        TurnEnded(b, "u1", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal(new TurnResult("", StopReasons.MaxIterations, 2, 2, 2, 60, 12, 3.0, 0.30000000000000004), TurnOf(Assert.Single(recorded.UpdateResults)));
        Assert.Equal(["Chat", "ExecuteTool", "Chat", "ExecuteTool"], recorded.Activities.Select(a => a.Activity));
    }

    [Fact]
    public async Task Replay_a_tool_past_the_turns_deadline_times_out_at_the_server_and_the_client_gets_504()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("slow tools"));
        List<ChatMessage> conversation = [ChatMessage.User("slow tools")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Lima\",\"delay_ms\":10000}");
        completed = Chat(b, completed, conversation, CallsReply(call));
        var tool = b.ActivityScheduled("ExecuteTool", new ToolCallInput(call), completed);
        // ScheduleToClose is what was left of the turn: the server times the tool out there and records that.
        b.Advance(TurnDeadline);
        b.ActivityTimedOut(tool, TimeoutType.ScheduleToClose, RetryState.Timeout, attempt: 1);
        var failedTask = b.WorkflowTask();
        TurnFailed(b, "u1", accepted, failedTask);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var failure = Assert.IsType<ActivityFailureException>(Assert.Single(recorded.UpdateFailures));
        Assert.Equal((RetryState.Timeout, "ExecuteTool"), (failure.RetryState, failure.ActivityType));
        Assert.IsType<TimeoutFailureException>(failure.InnerException);
        Assert.Equal(["Chat", "ExecuteTool"], recorded.Activities.Select(a => a.Activity));

        // What the client receives is this failure, encoded and decoded: the contract's 504.
        var converter = AgentPayloads.Converter;
        var received = converter.FailureConverter.ToException(converter.FailureConverter.ToFailure(failure, converter.PayloadConverter), converter.PayloadConverter);
        var mapped = Assert.IsType<RunTimeoutException>(TemporalFailures.ToRunException(new WorkflowUpdateFailedException(received), SessionId, TimeSpan.FromSeconds(120)));
        Assert.StartsWith("No final answer within 120 s: the deadline passed while the tool activity ExecuteTool ran", mapped.Message);
    }

    [Fact]
    public async Task Replay_a_step_that_ends_just_past_the_deadline_schedules_nothing_more_and_fails()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("slow tools"));
        List<ChatMessage> conversation = [ChatMessage.User("slow tools")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Lima\",\"delay_ms\":10000}");
        completed = Chat(b, completed, conversation, CallsReply(call));
        var tool = b.ActivityScheduled("ExecuteTool", new ToolCallInput(call), completed);
        // The tool answers just inside its ScheduleToClose; the next workflow task starts just past the deadline.
        b.Advance(TurnDeadline - TimeSpan.FromMilliseconds(50));
        b.ActivityCompleted(tool, new ToolCallResult(ChatMessage.ToolResult("c1", "Lima: 20°C"), 9_999));
        b.Advance(TimeSpan.FromMilliseconds(100));
        var failedTask = b.WorkflowTask();
        TurnFailed(b, "u1", accepted, failedTask);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        var failure = Assert.IsType<ApplicationFailureException>(Assert.Single(recorded.UpdateFailures));
        Assert.Equal((AgentWorkflow.RunTimedOutErrorType, "No final answer within 120 s."), (failure.ErrorType, failure.Message));
        Assert.Equal(["Chat", "ExecuteTool"], recorded.Activities.Select(a => a.Activity));
    }

    [Fact]
    public async Task Replay_continue_as_new_past_the_history_bound_carries_the_conversation()
    {
        // A bound of 8 events: the first turn ends past it, so the workflow continues as new right after.
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("remember 42"), Session(maxHistoryEvents: 8));
        List<ChatMessage> conversation = [ChatMessage.User("remember 42")];
        var last = Chat(b, completed, conversation, Text("noted"));
        b.UpdateCompleted("u1", accepted, "ignored");
        b.ContinuedAsNew(Session(8, conversation), last);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal("noted", TurnOf(Assert.Single(recorded.UpdateResults)).Output);
        var next = Assert.IsType<AgentSessionInput>(Assert.Single(recorded.ContinueAsNewArguments));
        Assert.Equal((SessionId, 8, Idle.TotalMilliseconds), (next.SessionId, next.MaxHistoryEvents, next.IdleTimeoutMs));
        Assert.Equal(conversation, next.History);
    }

    [Fact]
    public async Task Replay_a_session_of_failing_turns_still_continues_as_new()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("doomed"), Session(maxHistoryEvents: 8));
        var chat = b.ActivityScheduled("Chat", new LlmCallInput([ChatMessage.User("doomed")]), completed);
        b.ActivityFailed(chat, AgentHistoryBuilder.ApplicationFailure("HTTP 500 from the LLM.", "LlmServerError", nonRetryable: false), attempt: 3);
        var failedTask = b.WorkflowTask();
        b.UpdateFailed("u1", accepted, AgentHistoryBuilder.ApplicationFailure("Activity task failed", "ActivityFailure", false));
        b.ContinuedAsNew(Session(8), failedTask);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.IsType<ActivityFailureException>(Assert.Single(recorded.UpdateFailures));
        Assert.Empty(Assert.IsType<AgentSessionInput>(Assert.Single(recorded.ContinueAsNewArguments)).History);
    }

    [Fact]
    public async Task Replay_the_run_after_continue_as_new_starts_from_the_carried_conversation()
    {
        List<ChatMessage> carried = [ChatMessage.User("remember 42"), ChatMessage.Assistant("noted")];
        var b = new AgentHistoryBuilder().Started(WorkflowId, Session(history: carried));
        var first = b.WorkflowTask(); // the new run's first task: no update yet, the workflow starts its idle timer
        var timer = b.TimerStarted(Idle, first);
        List<ChatMessage> conversation = [.. carried, ChatMessage.User("what number?")];
        long chat = 0;
        var (accepted, _) = NextTurn(b, "u2", Turn("what number?"), timer, c => chat = b.ActivityScheduled("Chat", new LlmCallInput([.. conversation]), c));
        var last = ChatResult(b, chat, conversation, Text("42"));
        TurnEnded(b, "u2", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Equal("42", TurnOf(Assert.Single(recorded.UpdateResults)).Output);
        Assert.Equal([.. carried, ChatMessage.User("what number?")], ChatInput(Assert.Single(recorded.Activities).Argument));
        Assert.Empty(recorded.ContinueAsNewArguments);
    }

    [Fact]
    public async Task Replay_a_session_idle_past_its_timeout_ends()
    {
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("hi"));
        List<ChatMessage> conversation = [ChatMessage.User("hi")];
        var last = Chat(b, completed, conversation, Text("hello"));
        var timer = TurnEnded(b, "u1", accepted, last, "ignored");
        b.Advance(Idle);
        b.TimerFired(timer);
        var end = b.WorkflowTask();
        b.Completed(end);

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        Assert.Single(recorded.UpdateResults);
        Assert.Single(recorded.WorkflowResults);
    }

    [Fact]
    public async Task Replay_carries_the_updates_trace_context_to_every_activity()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var (b, accepted, completed) = StartWithUpdate("u1", Turn("#bench tool_calls=1\nweather"), traceParent: traceParent);
        List<ChatMessage> conversation = [ChatMessage.User("#bench tool_calls=1\nweather")];
        var call = new ToolCall("c1", "get_weather", "{\"city\":\"Oslo\"}");
        completed = Chat(b, completed, conversation, CallsReply(call));
        completed = Tools(b, completed, conversation, (call, "Oslo: 3°C", 1));
        var last = Chat(b, completed, conversation, Text("Cold."));
        TurnEnded(b, "u1", accepted, last, "ignored");

        var recorded = await ReplayAsync(b.Build(WorkflowId));

        // Replaying: no workflow span is made, but the context the update brought reaches each activity's header.
        Assert.Equal(3, recorded.Activities.Count);
        foreach (var activity in recorded.Activities)
            Assert.Equal(traceParent, DataConverter.Default.PayloadConverter.ToValue<string>(activity.Headers[TemporalTracingInterceptor.HeaderName]));
    }
}
