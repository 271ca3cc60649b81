namespace BenchApp.MockLlm.Faults;

/// <summary>What an injected fault does to a completion.</summary>
public enum FaultKind
{
    None,
    /// <summary>500 in the provider's server-error shape.</summary>
    Error,
    /// <summary>429 with Retry-After.</summary>
    RateLimit,
    /// <summary>No answer until the client gives up or hang_ms passes (then 504).</summary>
    Hang,
    /// <summary>503 "overloaded" in the provider's shape (Anthropic: 529 overloaded_error; Gemini: UNAVAILABLE).</summary>
    Unavailable,
}
