using System.Diagnostics;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Api;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The HTTP side of the Temporal executor, a Temporal client: a turn of an existing session is an update of its
/// workflow; a new session's first turn is update-with-start. The worker runs the workflow in this same process.
/// </summary>
public sealed class TemporalAgentExecutor(ITemporalClient client, IOptions<ExecutorOptions> options, TemporalSdkTelemetry? telemetry = null) : IAgentExecutor
{
    private readonly ExecutorOptions _options = options.Value;
    private readonly TurnPolicy _policy = TurnPolicy.From(options.Value);

    public ExecutorInfo Info { get; } = ExecutorInfoFactory.Create(
        options.Value.ResourceName, "temporal", ExecutorInfoFactory.VersionOf(typeof(ITemporalClient)), durable: true, stateStore: "temporal")
        with { Settings = TemporalTuning.Settings(options.Value, sdkMetrics: telemetry?.MetricsEnabled == true) };

    public async Task<RunResponse> RunAsync(ValidRunRequest request, long startedAt, CancellationToken cancellationToken)
    {
        var sessionId = request.SessionId ?? SessionIds.New();
        using var span = AgentTelemetry.StartRun(_options.ResourceName, sessionId);
        var turn = new TurnRequest(request.Message, request.MaxIterations, _policy);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };

        TurnOutcome outcome;
        try
        {
            outcome = request.SessionId is null
                ? await StartSessionAsync(sessionId, turn, rpc).ConfigureAwait(false)
                : await client.GetWorkflowHandle<AgentWorkflow>(AgentWorkflow.WorkflowId(sessionId))
                    .ExecuteUpdateAsync(wf => wf.RunTurnAsync(turn), new WorkflowUpdateOptions { Rpc = rpc }).ConfigureAwait(false);
        }
        catch (RpcTimeoutOrCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Temporalio wraps the cancelled update call. The workflow gives up before the HTTP timer does, so this
            // is a client that went away, or a server that stopped answering: say which, the API maps the rest.
            if (!await TemporalHealth.AnswersAsync(client, TimeSpan.FromSeconds(1)).ConfigureAwait(false))
                throw new DependencyUnavailableException("temporal", $"temporal did not answer the turn within {_options.RunTimeout.TotalSeconds:0.###} s.", e);
            throw new OperationCanceledException("The turn was cancelled.", e, cancellationToken);
        }
        catch (RpcTimeoutOrCanceledException e)
        {
            throw new DependencyUnavailableException("temporal", "temporal did not answer the turn's update call.", e);
        }
        catch (RpcException e)
        {
            throw TemporalFailures.FromRpc(e, request.SessionId);
        }
        catch (WorkflowUpdateFailedException e)
        {
            throw TemporalFailures.ToRunException(e, sessionId, _options.RunTimeout);
        }

        // Temporal does not say how long it spent persisting history; what the turn spent neither waiting on
        // the LLM nor running tools is the engine's own cost (RPCs, workflow tasks, persistence), reported as state.
        var result = outcome.Turn;
        var totalMs = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        var engineMs = Math.Max(0, totalMs - result.LlmMs - result.ToolMs);
        return RunResponses.Create(sessionId, result, totalMs, engineMs,
            new StateBytes(outcome.TurnBytes, outcome.HistoryBytes, outcome.HistoryEvents));
    }

    private Task<TurnOutcome> StartSessionAsync(string sessionId, TurnRequest turn, RpcOptions rpc)
    {
        var input = new AgentSessionInput(sessionId, [], _options.Temporal.MaxHistoryEvents, TemporalTuning.SessionIdleTimeout(_options).TotalMilliseconds);
        var start = WithStartWorkflowOperation.Create(
            (AgentWorkflow wf) => wf.RunAsync(input),
            new WorkflowOptions(AgentWorkflow.WorkflowId(sessionId), _options.Temporal.TaskQueue)
            {
                // Update-with-start must name a conflict policy; the id is new, so UseExisting never actually finds one.
                IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
                ExecutionTimeout = _options.Temporal.SessionLifetime,
                TaskTimeout = TemporalTuning.WorkflowTaskTimeout,
            });
        return client.ExecuteUpdateWithStartWorkflowAsync(
            (AgentWorkflow wf) => wf.RunTurnAsync(turn), new WorkflowUpdateWithStartOptions(start) { Rpc = rpc });
    }
}
