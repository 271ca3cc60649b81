using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Temporal;

/// <summary>How a failed turn (a refused call, a failed update) maps onto the contract's errors; never a 500 for Temporal itself.</summary>
public static class TemporalFailures
{
    /// <summary>Server error type of an accepted update whose workflow closed first (temporal service/history/workflow/update/errors_failures.go).</summary>
    public const string AcceptedUpdateCompletedWorkflow = "AcceptedUpdateCompletedWorkflow";

    /// <summary>A gRPC error of the update call: a session that is gone (404), or Temporal refusing or unreachable (503).</summary>
    public static Exception FromRpc(RpcException e, string? sessionId)
    {
        var details = e.GrpcStatus.Value?.Details;
        if (details?.FirstOrDefault(d => d.Is(NamespaceNotFoundFailure.Descriptor)) is { } missing)
        {
            var ns = missing.Unpack<NamespaceNotFoundFailure>().Namespace;
            return new DependencyUnavailableException("temporal", $"temporal has no namespace '{ns}' (set TEMPORAL_NAMESPACE, or create it).", e);
        }
        return e.Code switch
        {
            // No such workflow, or it is closed (idle past the session TTL, or its lifetime ended), or an update
            // that was not yet accepted when the workflow closed ("workflow update was aborted by closing workflow").
            RpcException.StatusCode.NotFound when sessionId is not null => new SessionNotFoundException(sessionId),
            RpcException.StatusCode.PermissionDenied or RpcException.StatusCode.Unimplemented => new DependencyUnavailableException("temporal",
                $"temporal refused the turn: {e.Message} (a dev server needs frontend.enableUpdateWorkflowExecution and frontend.enableExecuteMultiOperation).", e),
            RpcException.StatusCode.Unavailable => new DependencyUnavailableException("temporal", $"temporal refused the connection: {e.Message}", e),
            RpcException.StatusCode.ResourceExhausted or RpcException.StatusCode.NotFound or RpcException.StatusCode.Unknown or RpcException.StatusCode.Internal =>
                new DependencyUnavailableException("temporal", $"temporal could not take the turn: {e.Message}", e),
            _ => e,
        };
    }

    public static Exception ToRunException(WorkflowUpdateFailedException failed, string sessionId, TimeSpan runTimeout)
    {
        switch (failed.InnerException)
        {
            case ApplicationFailureException { ErrorType: AgentWorkflow.RunTimedOutErrorType } timedOut:
                return new RunTimeoutException(timedOut.Message, failed);

            case ApplicationFailureException { ErrorType: AcceptedUpdateCompletedWorkflow }:
                // The session's workflow closed (its lifetime ended) while the turn ran: the session is gone.
                return new SessionNotFoundException(sessionId);

            case ActivityFailureException { RetryState: RetryState.Timeout } activity:
                // The turn's deadline (ScheduleToClose) passed during an attempt or during the back-off before the next.
                return new RunTimeoutException(
                    $"No final answer within {runTimeout.TotalSeconds:0.###} s: the deadline passed while {Describe(activity)}.", failed);

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

    /// <summary>"the LLM was on attempt 2 (HTTP 500 from the LLM.)" or "the tool ExecuteTool ran".</summary>
    private static string Describe(ActivityFailureException activity)
    {
        var what = activity.ActivityType == "Chat" ? "the LLM call" : $"the tool activity {activity.ActivityType}";
        var last = FindApplicationFailure(activity.InnerException);
        if (last is null) return $"{what} ran ({activity.InnerException?.Message ?? activity.Message})";
        var attempts = last.Details.Count > 0 ? last.Details.ElementAt<int>(0) : 1;
        return $"{what} was retried after {attempts} failed attempt{(attempts == 1 ? "" : "s")} (last: {last.Message})";
    }

    private static ApplicationFailureException? FindApplicationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is ApplicationFailureException app) return app;
        return null;
    }
}
