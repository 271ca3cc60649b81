using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>A failed update, as the client receives it, mapped onto the contract's 502/504.</summary>
public class TemporalFailuresTests
{
    private static Exception Map(Failure failure)
    {
        var cause = new DefaultFailureConverter().ToException(failure, DataConverter.Default.PayloadConverter);
        return TemporalFailures.ToRunException(new WorkflowUpdateFailedException(cause));
    }

    private static Failure ActivityFailed(string activityType, Failure cause) => new()
    {
        Message = "Activity task failed",
        ActivityFailureInfo = new ActivityFailureInfo { ActivityType = new() { Name = activityType }, ActivityId = "1", RetryState = RetryState.MaximumAttemptsReached },
        Cause = cause,
    };

    private static Failure Application(string type, string message) => new()
    {
        Message = message,
        ApplicationFailureInfo = new ApplicationFailureInfo { Type = type },
    };

    [Theory]
    [InlineData("LlmServerError", LlmFailureKind.ServerError)]
    [InlineData("LlmRateLimited", LlmFailureKind.RateLimited)]
    [InlineData("LlmTimeout", LlmFailureKind.Timeout)]
    [InlineData("LlmBadRequest", LlmFailureKind.BadRequest)]
    [InlineData("LlmMalformedReply", LlmFailureKind.MalformedReply)]
    public void An_llm_activity_failure_becomes_the_llm_exception_it_was(string type, LlmFailureKind kind)
    {
        var e = Assert.IsType<LlmException>(Map(ActivityFailed("Chat", Application(type, "HTTP 500 from the LLM."))));
        Assert.Equal((kind, "HTTP 500 from the LLM."), (e.Kind, e.Message));
    }

    [Fact]
    public void A_chat_activity_timeout_is_an_llm_timeout()
    {
        var timeout = new Failure { Message = "activity StartToClose timeout", TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = TimeoutType.StartToClose } };
        Assert.Equal(LlmFailureKind.Timeout, Assert.IsType<LlmException>(Map(ActivityFailed("Chat", timeout))).Kind);
    }

    [Fact]
    public void The_workflows_run_timeout_is_a_run_timeout()
    {
        var e = Assert.IsType<RunTimeoutException>(Map(Application(AgentWorkflow.RunTimedOutErrorType, "No final answer within 120 s.")));
        Assert.Equal("No final answer within 120 s.", e.Message);
    }

    [Fact]
    public void Anything_else_is_an_internal_error() =>
        Assert.IsType<InvalidOperationException>(Map(Application("NullReferenceException", "bug")));
}
