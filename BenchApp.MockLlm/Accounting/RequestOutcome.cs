namespace BenchApp.MockLlm.Accounting;

/// <summary>How one completion request ended (the keys of <c>by_outcome</c> in <c>/admin/stats</c>).</summary>
public enum RequestOutcome
{
    Ok,
    Error,
    RateLimited,
    Hung,
    BadRequest,
    Cancelled,
}

public static class RequestOutcomeNames
{
    public static string Name(this RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.Error => "error",
        RequestOutcome.RateLimited => "rate_limited",
        RequestOutcome.Hung => "hung",
        RequestOutcome.BadRequest => "bad_request",
        _ => "cancelled",
    };

    public static bool IsInjectedFault(this RequestOutcome outcome) =>
        outcome is RequestOutcome.Error or RequestOutcome.RateLimited or RequestOutcome.Hung;
}
