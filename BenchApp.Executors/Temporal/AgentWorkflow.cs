using BenchApp.Executors.Agent;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// One conversation (session) as one workflow: the history is workflow state, each user turn is a <c>RunTurn</c>
/// Workflow Update that runs the shared <see cref="AgentLoop"/> with LLM and tool calls as activities and returns
/// the turn's result. A new session's first turn arrives with update-with-start. Past a history bound the
/// workflow continues as new, carrying the conversation. Workflow code: deterministic, Workflow.* APIs only.
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
    private bool _continueAsNew;

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

    [WorkflowRun]
    public async Task RunAsync(AgentSessionInput input)
    {
        // Idle between turns; the work happens in RunTurn. Waiting issues no command, so a quiet session costs nothing.
        await Workflow.WaitConditionAsync(() => _continueAsNew && Workflow.AllHandlersFinished);
        var next = _input with { History = _history.ToList() };
        throw Workflow.CreateContinueAsNewException((AgentWorkflow wf) => wf.RunAsync(next));
    }

    [WorkflowUpdate("RunTurn")]
    public async Task<TurnResult> RunTurnAsync(TurnRequest turn)
    {
        // The run timeout counts from when the turn arrived, queueing behind another turn included.
        var deadline = Workflow.UtcNow + TimeSpan.FromMilliseconds(turn.Policy.RunTimeoutMs);
        await _turnLock.WaitOneAsync();
        var mark = _history.Count;
        try
        {
            _history.Add(ChatMessage.User(turn.Message));
            var result = await AgentLoop.RunAsync(_history, turn.MaxIterations, new WorkflowAgentEffects(turn, deadline));
            if (Workflow.ContinueAsNewSuggested || Workflow.CurrentHistoryLength >= _input.MaxHistoryEvents)
                _continueAsNew = true;
            return result;
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
