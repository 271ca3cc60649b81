using BenchApp.LoadDriver.Load;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>What the crash-recovery scenario observed, in milliseconds since the kill where it is a time.</summary>
public sealed record CrashObservation
{
    /// <summary>The client's outcome of the in-flight turn (None = a correct reply).</summary>
    public ErrorKind InFlightError { get; init; }

    /// <summary>When the in-flight reply arrived relative to the kill (negative = before it).</summary>
    public double InFlightEndMs { get; init; }

    /// <summary>LLM calls the mock answered for the in-flight run by the end, and the number the turn needs.</summary>
    public long? InFlightLlmCalls { get; init; }
    public int ExpectedLlmCalls { get; init; }

    public double? HealthyMs { get; init; }

    /// <summary>The next turn on the same session after the restart: its error, HTTP status and arrival.</summary>
    public ErrorKind? ContinuationError { get; init; }
    public int ContinuationStatus { get; init; }
    public double? ContinuationEndMs { get; init; }
}

public sealed record CrashVerdictResult(string InFlightTurn, string Session, bool Recovered, double? RecoveryMs);

/// <summary>
/// Turns observations into the verdict: did the in-flight turn fail or finish (before the kill, or after the
/// restart by the executor's own durability), did the session survive, and the time from kill to recovery.
/// </summary>
public static class CrashVerdict
{
    public const string Failed = "failed";
    public const string CompletedBeforeKill = "completed_before_kill";
    public const string CompletedAfterRestart = "completed_after_restart";

    public const string Survived = "survived";
    public const string Lost = "lost";
    public const string Broken = "broken";
    public const string NotTried = "not_tried";

    public static CrashVerdictResult Decide(CrashObservation o)
    {
        string inFlight;
        if (o.InFlightError == ErrorKind.None && o.InFlightEndMs <= 0) inFlight = CompletedBeforeKill;
        // The client's connection died with the process; the run finished only if the LLM calls all happened after all.
        else if (o.InFlightLlmCalls is { } calls && calls >= o.ExpectedLlmCalls) inFlight = CompletedAfterRestart;
        else if (o.InFlightError == ErrorKind.None) inFlight = CompletedAfterRestart;
        else inFlight = Failed;

        var session = o.ContinuationError switch
        {
            null => NotTried,
            ErrorKind.None => Survived,
            ErrorKind.Status when o.ContinuationStatus == 404 => Lost,
            _ => Broken,
        };
        var recovered = o.HealthyMs is not null && session == Survived;
        return new CrashVerdictResult(inFlight, session, recovered, recovered ? o.ContinuationEndMs : null);
    }
}
