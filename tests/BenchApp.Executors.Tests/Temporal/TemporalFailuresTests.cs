using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Temporal;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>A failed update or a refused call, as the client receives it, mapped onto the contract's 404/502/503/504.</summary>
public class TemporalFailuresTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private static Exception Map(Failure failure)
    {
        var converter = AgentPayloads.Converter;
        var cause = converter.FailureConverter.ToException(failure, converter.PayloadConverter);
        return TemporalFailures.ToRunException(new WorkflowUpdateFailedException(cause), "s1", RunTimeout);
    }

    private static Failure ActivityFailed(string activityType, Failure cause, RetryState retryState = RetryState.MaximumAttemptsReached) => new()
    {
        Message = "Activity task failed",
        ActivityFailureInfo = new ActivityFailureInfo { ActivityType = new() { Name = activityType }, ActivityId = "1", RetryState = retryState },
        Cause = cause,
    };

    // As AgentActivities.ToFailure writes it: the attempt number as the failure's first detail.
    private static Failure Application(string type, string message, int? attempt = null)
    {
        var info = new ApplicationFailureInfo { Type = type };
        if (attempt is { } n) info.Details = new Payloads { Payloads_ = { AgentPayloads.Converter.PayloadConverter.ToPayload(n) } };
        return new Failure { Message = message, ApplicationFailureInfo = info };
    }

    private static RpcException Rpc(RpcException.StatusCode code, string message, IMessage? detail = null)
    {
        var status = new GrpcStatus { Code = (int)code, Message = message };
        if (detail is not null) status.Details.Add(Any.Pack(detail));
        return new RpcException(code, message, status.ToByteArray());
    }

    [Theory]
    [InlineData("LlmServerError", LlmFailureKind.ServerError)]
    [InlineData("LlmRateLimited", LlmFailureKind.RateLimited)]
    [InlineData("LlmTimeout", LlmFailureKind.Timeout)]
    [InlineData("LlmBadRequest", LlmFailureKind.BadRequest)]
    [InlineData("LlmMalformedReply", LlmFailureKind.MalformedReply)]
    public void An_llm_activity_failure_becomes_the_llm_exception_it_was(string type, LlmFailureKind kind)
    {
        var e = Assert.IsType<LlmException>(Map(ActivityFailed("Chat", Application(type, "HTTP 500 from the LLM.", attempt: 3))));
        Assert.Equal((kind, "HTTP 500 from the LLM."), (e.Kind, e.Message));
    }

    [Fact]
    public void A_chat_attempt_timeout_on_the_last_attempt_is_an_llm_timeout()
    {
        var timeout = new Failure { Message = "activity StartToClose timeout", TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = TimeoutType.StartToClose } };
        Assert.Equal(LlmFailureKind.Timeout, Assert.IsType<LlmException>(Map(ActivityFailed("Chat", timeout))).Kind);
    }

    [Fact]
    public void The_deadline_passing_during_the_back_off_is_a_run_timeout_with_the_attempts_that_ran()
    {
        // The server does not retry past ScheduleToClose: the last attempt's failure, RetryState Timeout.
        var e = Assert.IsType<RunTimeoutException>(Map(ActivityFailed("Chat", Application("LlmServerError", "HTTP 500 from the LLM.", attempt: 2), RetryState.Timeout)));
        Assert.Equal("No final answer within 120 s: the deadline passed while the LLM call was retried after 2 failed attempts (last: HTTP 500 from the LLM.).", e.Message);
    }

    [Fact]
    public void A_schedule_to_close_timeout_of_the_llm_is_a_run_timeout_not_an_llm_failure()
    {
        var timeout = new Failure { Message = "activity ScheduleToClose timeout", TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = TimeoutType.ScheduleToClose } };
        var e = Assert.IsType<RunTimeoutException>(Map(ActivityFailed("Chat", timeout, RetryState.Timeout)));
        Assert.Contains("the LLM call ran", e.Message);
    }

    [Fact]
    public void The_workflows_run_timeout_is_a_run_timeout()
    {
        var e = Assert.IsType<RunTimeoutException>(Map(Application(AgentWorkflow.RunTimedOutErrorType, "No final answer within 120 s.")));
        Assert.Equal("No final answer within 120 s.", e.Message);
    }

    [Fact]
    public void An_accepted_turn_whose_workflow_closed_is_a_session_that_ended()
    {
        // temporal v1.31.2 service/history/workflow/update/errors_failures.go: acceptedUpdateCompletedWorkflowFailure.
        var closed = new Failure
        {
            Message = "Workflow Update failed because the Workflow completed before the Update completed.",
            Source = "Server",
            ApplicationFailureInfo = new ApplicationFailureInfo { Type = "AcceptedUpdateCompletedWorkflow", NonRetryable = true },
        };
        Assert.Equal("s1", Assert.IsType<SessionNotFoundException>(Map(closed)).SessionId);
    }

    [Fact]
    public void Anything_else_is_an_internal_error() =>
        Assert.IsType<InvalidOperationException>(Map(Application("NullReferenceException", "bug")));

    [Fact]
    public void A_missing_workflow_is_session_not_found_but_a_missing_namespace_is_temporal_unavailable()
    {
        Assert.IsType<SessionNotFoundException>(TemporalFailures.FromRpc(Rpc(RpcException.StatusCode.NotFound, "workflow not found"), "s1"));

        var ns = Assert.IsType<DependencyUnavailableException>(TemporalFailures.FromRpc(
            Rpc(RpcException.StatusCode.NotFound, "Namespace bench is not found.", new NamespaceNotFoundFailure { Namespace = "bench" }), "s1"));
        Assert.Equal(("temporal", "temporal has no namespace 'bench' (set TEMPORAL_NAMESPACE, or create it)."), (ns.Dependency, ns.Message));
    }

    [Theory]
    [InlineData(RpcException.StatusCode.PermissionDenied, "ExecuteMultiOperation API is disabled on this namespace.", "frontend.enableExecuteMultiOperation")]
    [InlineData(RpcException.StatusCode.Unavailable, "connection refused", "temporal refused the connection")]
    [InlineData(RpcException.StatusCode.ResourceExhausted, "namespace rate limit exceeded", "temporal could not take the turn")]
    public void Temporal_refusing_a_turn_is_a_503_naming_temporal(RpcException.StatusCode code, string message, string expected)
    {
        var e = Assert.IsType<DependencyUnavailableException>(TemporalFailures.FromRpc(Rpc(code, message), sessionId: null));
        Assert.Equal("temporal", e.Dependency);
        Assert.Contains(expected, e.Message);
    }
}
