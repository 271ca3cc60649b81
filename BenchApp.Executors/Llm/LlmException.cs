using System.Net;

namespace BenchApp.Executors.Llm;

public enum LlmFailureKind
{
    /// <summary>No connection, or it broke (retried).</summary>
    Unreachable,
    /// <summary>HTTP 429 (retried, after Retry-After when given).</summary>
    RateLimited,
    /// <summary>HTTP 5xx (retried).</summary>
    ServerError,
    /// <summary>No reply in time, or HTTP 408 (retried).</summary>
    Timeout,
    /// <summary>Another HTTP 4xx: the request itself is wrong, so trying again cannot help.</summary>
    BadRequest,
    /// <summary>HTTP 200 whose body is not a chat completion (not retried: the same request gets the same reply).</summary>
    MalformedReply,
}

/// <summary>An LLM call that failed, classified the way both executors retry and report it (502, or 504 for timeouts).</summary>
public sealed class LlmException(LlmFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public LlmFailureKind Kind { get; } = kind;

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsRetryable => Kind is LlmFailureKind.Unreachable or LlmFailureKind.RateLimited or LlmFailureKind.ServerError or LlmFailureKind.Timeout;

    public static LlmException FromStatus(HttpStatusCode status, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var message = $"HTTP {code} from the LLM.";
        return code switch
        {
            429 => new(LlmFailureKind.RateLimited, message, retryAfter),
            408 => new(LlmFailureKind.Timeout, message),
            >= 500 => new(LlmFailureKind.ServerError, message, retryAfter),
            _ => new(LlmFailureKind.BadRequest, message),
        };
    }
}
