using System.Diagnostics;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The HTTP side of the Temporal executor, a Temporal client: a turn of an existing session is an update of its
/// workflow; a new session's first turn is update-with-start. The worker runs the workflow in this same process.
/// </summary>
public sealed class TemporalAgentExecutor(ITemporalClient client, IOptions<ExecutorOptions> options) : IAgentExecutor
{
    private readonly ExecutorOptions _options = options.Value;
    private readonly TurnPolicy _policy = TurnPolicy.From(options.Value);

    public ExecutorInfo Info { get; } = ExecutorInfoFactory.Create(
        options.Value.ResourceName, "temporal", ExecutorInfoFactory.VersionOf(typeof(ITemporalClient)), durable: true, stateStore: "temporal");

    public async Task<RunResponse> RunAsync(ValidRunRequest request, long startedAt, CancellationToken cancellationToken)
    {
        var sessionId = request.SessionId ?? SessionIds.New();
        using var span = AgentTelemetry.StartRun(_options.ResourceName, sessionId);
        var turn = new TurnRequest(request.Message, request.MaxIterations, _policy, AgentTelemetry.CurrentTraceParent());
        var rpc = new RpcOptions { CancellationToken = cancellationToken };

        TurnResult result;
        try
        {
            result = request.SessionId is null
                ? await StartSessionAsync(sessionId, turn, rpc).ConfigureAwait(false)
                : await client.GetWorkflowHandle<AgentWorkflow>(AgentWorkflow.WorkflowId(sessionId))
                    .ExecuteUpdateAsync(wf => wf.RunTurnAsync(turn), new WorkflowUpdateOptions { Rpc = rpc }).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.Code == RpcException.StatusCode.NotFound && request.SessionId is not null)
        {
            // No such workflow, or it is closed (its session lifetime ended).
            throw new SessionNotFoundException(sessionId);
        }
        catch (RpcException e) when (cancellationToken.IsCancellationRequested &&
                                     e.Code is RpcException.StatusCode.Cancelled or RpcException.StatusCode.DeadlineExceeded)
        {
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (WorkflowUpdateFailedException e)
        {
            throw TemporalFailures.ToRunException(e);
        }

        // Temporal does not say how long it spent persisting history; what the turn spent neither waiting on
        // the LLM nor running tools is the engine's own cost (RPCs, workflow tasks, persistence), reported as state.
        var totalMs = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        var engineMs = Math.Max(0, totalMs - result.LlmMs - result.ToolMs);
        return RunResponses.Create(sessionId, result, totalMs, engineMs);
    }

    private Task<TurnResult> StartSessionAsync(string sessionId, TurnRequest turn, RpcOptions rpc)
    {
        var input = new AgentSessionInput(sessionId, [], _options.Temporal.MaxHistoryEvents);
        var start = WithStartWorkflowOperation.Create(
            (AgentWorkflow wf) => wf.RunAsync(input),
            new WorkflowOptions(AgentWorkflow.WorkflowId(sessionId), _options.Temporal.TaskQueue)
            {
                // Update-with-start must name a conflict policy; the id is new, so UseExisting never actually finds one.
                IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                ExecutionTimeout = _options.Temporal.SessionLifetime,
            });
        return client.ExecuteUpdateWithStartWorkflowAsync(
            (AgentWorkflow wf) => wf.RunTurnAsync(turn), new WorkflowUpdateWithStartOptions(start) { Rpc = rpc });
    }
}

/// <summary>How a failed turn (a failed update) maps onto the contract's errors.</summary>
public static class TemporalFailures
{
    public static Exception ToRunException(WorkflowUpdateFailedException failed)
    {
        switch (failed.InnerException)
        {
            case ApplicationFailureException { ErrorType: AgentWorkflow.RunTimedOutErrorType } timedOut:
                return new RunTimeoutException(timedOut.Message, failed);

            case ActivityFailureException { InnerException: ApplicationFailureException app }
                when app.ErrorType is { } type && type.StartsWith("Llm", StringComparison.Ordinal)
                     && Enum.TryParse<LlmFailureKind>(type.AsSpan(3), out var kind):
                return new LlmException(kind, app.Message, inner: failed);

            case ActivityFailureException { InnerException: TimeoutFailureException } activity:
                return activity.ActivityType == "Chat"
                    ? new LlmException(LlmFailureKind.Timeout, "The LLM did not answer in time.", inner: failed)
                    : new RunTimeoutException($"The tool activity {activity.ActivityType} timed out.", failed);

            default:
                return new InvalidOperationException("The turn's update failed.", failed);
        }
    }
}
