namespace BenchApp.MockLlm.Completions;

/// <summary>What went wrong, provider-neutral; each protocol writes it in its own error shape.</summary>
public enum ErrorKind
{
    InvalidRequest,
    NotFound,
    RateLimited,
    Server,
    Timeout,
}

/// <summary>An error reply: kind (-> status), message, and the offending parameter when there is one.</summary>
public readonly record struct ProviderError(ErrorKind Kind, string Message, string? Param = null)
{
    public int StatusCode => Kind switch
    {
        ErrorKind.InvalidRequest => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProviderError Invalid(string message, string? param = null) => new(ErrorKind.InvalidRequest, message, param);
}
