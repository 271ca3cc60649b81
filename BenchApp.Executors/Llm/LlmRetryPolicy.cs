using Temporalio.Common;

namespace BenchApp.Executors.Llm;

/// <summary>
/// The one retry policy of LLM calls, expressed for both engines: a Polly delay for the in-process resilience
/// handler and a Temporal <see cref="RetryPolicy"/> for the activity. Retried: 429 (after Retry-After, capped),
/// 5xx, 408, timeouts, connection failures. Not retried: other 4xx and malformed replies.
/// </summary>
public static class LlmRetryPolicy
{
    /// <summary>Temporal error types of failures that must not be retried.</summary>
    public const string BadRequestErrorType = "LlmBadRequest";
    public const string MalformedReplyErrorType = "LlmMalformedReply";

    /// <summary>Wait before retry number <paramref name="retry"/> (0 = before the second attempt).</summary>
    public static TimeSpan Delay(LlmOptions options, int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverWait)
            return serverWait < options.MaxBackoff ? serverWait : options.MaxBackoff;
        var ms = options.InitialBackoff.TotalMilliseconds * Math.Pow(options.BackoffCoefficient, retry);
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.MaxBackoff.TotalMilliseconds));
    }

    public static RetryPolicy ForTemporal(LlmOptions options) => new()
    {
        InitialInterval = options.InitialBackoff,
        BackoffCoefficient = (float)options.BackoffCoefficient,
        MaximumInterval = options.MaxBackoff,
        MaximumAttempts = options.MaxAttempts,
        NonRetryableErrorTypes = [BadRequestErrorType, MalformedReplyErrorType],
    };
}
