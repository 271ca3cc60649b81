namespace BenchApp.LoadDriver.Results;

/// <summary>
/// error-recovery, one executor and one fault kind: what the client saw while the mock failed the next
/// <see cref="FaultCount"/> completions, what the executor retried, and how long until replies were right again.
/// </summary>
public sealed record ErrorRecoveryResult
{
    public required string Executor { get; init; }
    public required string FaultKind { get; init; }
    public int FaultCount { get; init; }
    public required string Directive { get; init; }

    /// <summary>Turns sent (one at a time) until the good streak or a bound.</summary>
    public int Requests { get; init; }
    public int Ok { get; init; }
    public required ErrorCounts ClientErrors { get; init; }
    public double ClientErrorRate { get; init; }
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<string> ErrorExamples { get; init; } = [];

    /// <summary>Completions the mock received for these turns (by run id), those it answered 200, and the faults it injected.</summary>
    public long? LlmRequests { get; init; }
    public long? LlmOk { get; init; }
    public long? FaultsServed { get; init; }

    /// <summary>LLM requests beyond each turn's first attempt: llm_requests - requests (the directive makes one LLM call).</summary>
    public long? Retries { get; init; }

    /// <summary>From sending the first turn after the faults were armed to the reply that began the good streak; null = not recovered.</summary>
    public double? RecoveryMs { get; init; }
    public bool Recovered { get; init; }
    public int GoodStreak { get; init; }
    public double WallSeconds { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// crash-recovery, one executor: killed (SIGKILL) in the middle of an agent loop, started again by the driver,
/// and what survived: the in-flight turn, the session.
/// </summary>
public sealed record CrashRecoveryResult
{
    public required string Executor { get; init; }

    /// <summary><c>measured</c>, <c>not_measured</c> (no start command, missing environment) or <c>failed</c> (could not start or kill).</summary>
    public required string Status { get; init; }
    public string? Reason { get; init; }

    /// <summary>How the executor was started and restarted (the command line, with the port).</summary>
    public string? StartedBy { get; init; }
    public bool? Durable { get; init; }
    public string? Directive { get; init; }

    public int? KilledPid { get; init; }
    public double? KilledAfterMs { get; init; }

    /// <summary>What the client got for the in-flight turn: <c>ok</c> or an error kind, with detail.</summary>
    public string? InFlightClientOutcome { get; init; }
    public string? InFlightClientDetail { get; init; }

    /// <summary>LLM calls the mock answered for the in-flight run before the kill is unknown; this is the total seen, and the number the turn needs.</summary>
    public long? InFlightLlmCalls { get; init; }
    public int? InFlightExpectedLlmCalls { get; init; }

    /// <summary><c>failed</c> (lost), <c>completed_after_restart</c> (resumed), or <c>completed_before_kill</c> (the kill came too late).</summary>
    public string? InFlightTurn { get; init; }

    public bool Restarted { get; init; }
    public double? RestartHealthyMs { get; init; }

    /// <summary>A next turn on the same session after the restart: <c>survived</c> (correct reply), <c>lost</c> (404) or <c>broken</c> (other error).</summary>
    public string? Session { get; init; }
    public string? SessionDetail { get; init; }

    /// <summary>Kill to the first correct reply on that session; null when it never came.</summary>
    public double? RecoveryMs { get; init; }
    public bool Recovered { get; init; }

    /// <summary>Work done twice for the in-flight run, from the mock's ledger by call index: LLM calls answered again, and the tool calls those replies re-issued.</summary>
    public long? RepeatedLlmCalls { get; init; }
    public long? RepeatedToolCalls { get; init; }

    /// <summary>The durability setting the copy reported (a <c>/v1/info</c> settings key naming durability), else null.</summary>
    public string? Durability { get; init; }
}
