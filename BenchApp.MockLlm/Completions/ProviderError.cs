namespace BenchApp.MockLlm.Completions;

/// <summary>What went wrong, provider-neutral; each protocol writes it in its own error shape.</summary>
public enum ErrorKind
{
    InvalidRequest,
    NotFound,
    RateLimited,
    Server,
    Timeout,
    /// <summary>The provider is overloaded (503; Anthropic 529).</summary>
    Unavailable,
}

/// <summary>
/// An error reply: kind (-> status), message, the offending parameter when there is one, and for a rate limit
/// the retry delay (Gemini puts it in the body as well as in Retry-After).
/// </summary>
public readonly record struct ProviderError(ErrorKind Kind, string Message, string? Param = null, double? RetryAfterSeconds = null)
{
    public int StatusCode => Kind switch
    {
        ErrorKind.InvalidRequest => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProviderError Invalid(string message, string? param = null) => new(ErrorKind.InvalidRequest, message, param);
}
