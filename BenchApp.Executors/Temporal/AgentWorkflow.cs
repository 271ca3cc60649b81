using BenchApp.Executors.Agent;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// One conversation (session) as one workflow: the history is workflow state, each user turn is a <c>RunTurn</c>
/// Workflow Update that runs the shared <see cref="AgentLoop"/> with LLM and tool calls as activities and returns
/// the turn's result. A new session's first turn arrives with update-with-start. Between turns the workflow waits:
/// past a history bound it continues as new, carrying the conversation; idle past the session TTL it ends, as the
/// in-process executor's Redis key expires. Workflow code: deterministic, Workflow.* APIs only.
/// </summary>
[Workflow(Name)]
public sealed class AgentWorkflow
{
    public const string Name = "AgentSession";
    public const string RunTimedOutErrorType = "RunTimedOut";

    private readonly AgentSessionInput _input;
    private readonly List<ChatMessage> _history;

    // Turns of one session run one after another, each on the whole history of the ones before.
    private readonly Temporalio.Workflows.Mutex _turnLock = new();
    private int _turnsReceived;

    [WorkflowInit]
    public AgentWorkflow(AgentSessionInput input)
    {
        _input = input;
        _history = [.. input.History];
    }

    public static string WorkflowId(string sessionId) => "agent-session-" + sessionId;

    /// <summary>The conversation so far (a query, for tests and operators).</summary>
    [WorkflowQuery]
    public IReadOnlyList<ChatMessage> History => _history;

    // Decided between turns, whether the last one succeeded or failed (a session of failing turns must roll over too).
    private bool ContinueAsNewDue => Workflow.ContinueAsNewSuggested || Workflow.CurrentHistoryLength >= _input.MaxHistoryEvents;

    [WorkflowRun]
    public async Task RunAsync(AgentSessionInput input)
    {
        var idle = TimeSpan.FromMilliseconds(input.IdleTimeoutMs);
        while (true)
        {
            // Accepted turns finish first: continue-as-new would fail them, and a session is not idle while one runs.
            await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
            if (ContinueAsNewDue)
            {
                var next = _input with { History = _history.ToList() };
                throw Workflow.CreateContinueAsNewException((AgentWorkflow wf) => wf.RunAsync(next));
            }

            // Idle between turns. Waiting issues no command but the idle timer; a turn that arrives cancels it.
            var received = _turnsReceived;
            if (idle <= TimeSpan.Zero)
                await Workflow.WaitConditionAsync(() => _turnsReceived != received);
            else if (!await Workflow.WaitConditionAsync(() => _turnsReceived != received, idle))
                return; // no turn for the whole idle timeout: the session ends, later turns get 404
        }
    }

    /// <summary>Rejects a bad turn before it is accepted: it never enters the history and never fails a workflow task.</summary>
    [WorkflowUpdateValidator(nameof(RunTurnAsync))]
    public void ValidateRunTurn(TurnRequest turn) => Validate(turn);

    /// <summary>The validator's rules (a pure function: any exception rejects the update, naming what is wrong).</summary>
    public static void Validate(TurnRequest turn)
    {
        if (turn is null) throw new ArgumentNullException(nameof(turn), "The turn is missing.");
        if (string.IsNullOrEmpty(turn.Message)) throw new ArgumentException("message must be a non-empty string.", nameof(turn));
        if (turn.MaxIterations < 1) throw new ArgumentException("max_iterations must be at least 1.", nameof(turn));
        if (turn.Policy is null || turn.Policy.RunTimeoutMs <= 0 || turn.Policy.MaxAttempts < 1)
            throw new ArgumentException("The turn's policy needs a positive run timeout and at least one attempt.", nameof(turn));
    }

    [WorkflowUpdate("RunTurn")]
    public async Task<TurnOutcome> RunTurnAsync(TurnRequest turn)
    {
        _turnsReceived++;
        // The run timeout counts from when the turn arrived, queueing behind another turn included, less a grace
        // so that this failure, not the HTTP timer, is what the client gets.
        var deadline = Workflow.UtcNow + TimeSpan.FromMilliseconds(turn.Policy.RunTimeoutMs - turn.Policy.DeadlineGraceMs);
        await _turnLock.WaitOneAsync();
        var mark = _history.Count;
        var sizeBefore = Workflow.CurrentHistorySize;
        try
        {
            _history.Add(ChatMessage.User(turn.Message));
            var result = await AgentLoop.RunAsync(_history, turn.MaxIterations, new WorkflowAgentEffects(turn, deadline));
            var size = Workflow.CurrentHistorySize;
            return new TurnOutcome(result, size, Workflow.CurrentHistoryLength, Math.Max(0, size - sizeBefore));
        }
        catch (FailureException)
        {
            // A failed turn leaves no trace in the conversation, as in the in-process executor (it saves nothing).
            _history.RemoveRange(mark, _history.Count - mark);
            throw;
        }
        finally
        {
            _turnLock.ReleaseMutex();
        }
    }

    internal static ApplicationFailureException RunTimedOut(TurnPolicy policy) => new(
        $"No final answer within {policy.RunTimeoutMs / 1000:0.###} s.", RunTimedOutErrorType, nonRetryable: true);
}
