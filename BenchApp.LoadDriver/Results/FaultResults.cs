using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Results;

/// <summary>
/// dependency-fault, one executor: Redis frozen by the driver (<c>CLIENT PAUSE</c>) while turns kept coming; how
/// the executor answered during the pause, how long its longest answer took, which errors were not the contract's
/// 503, and how soon after the pause a reply was right again.
/// </summary>
public sealed record DependencyFaultResult
{
    public required string Executor { get; init; }

    /// <summary><c>measured</c>, or <c>not_measured</c> (no Redis address, Redis refused the pause) with <see cref="Reason"/>.</summary>
    public required string Status { get; init; }
    public string? Reason { get; init; }

    /// <summary>The executor's own state store (/v1/info): a row whose store is not Redis shows that the pause does not reach it.</summary>
    public string? StateStore { get; init; }
    public string Dependency { get; init; } = "redis";
    public double PauseMs { get; init; }
    public int Concurrency { get; init; }

    /// <summary>Turns sent while Redis was frozen, by outcome: an HTTP status (<c>200</c>, <c>503</c>, ...) or a client error kind (<c>timeout</c>, <c>connect</c>, <c>wrong_answer</c>).</summary>
    public int DuringRequests { get; init; }
    public IReadOnlyDictionary<string, long> DuringByOutcome { get; init; } = new Dictionary<string, long>();

    /// <summary>503 answers whose problem named the dependency (<c>"dependency":"redis"</c>).</summary>
    public long DependencyNamed { get; init; }

    /// <summary>The slowest answer to a turn sent during the pause, and its outcome.</summary>
    public double? LongestAnswerMs { get; init; }
    public string? LongestAnswerOutcome { get; init; }

    /// <summary>Errors during and after the pause that were not 503 (a 500, a timeout, a reset connection, a wrong reply).</summary>
    public long OtherErrors { get; init; }
    public IReadOnlyList<string> OtherErrorExamples { get; init; } = [];

    /// <summary>Turns sent after the pause ended; from its end to the first correct reply to one of them (null: none within the bound).</summary>
    public int AfterRequests { get; init; }
    public double? RecoveryMs { get; init; }
    public bool Recovered { get; init; }
    public double WallSeconds { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// soak, one executor: an open loop at a share of its measured peak for a long time. A leak shows as an RSS slope,
/// a slow degradation as p99 drift from the first to the last minute.
/// </summary>
public sealed record SoakResult
{
    public required string Executor { get; init; }
    public required string Scenario { get; init; }
    public double DurationSeconds { get; init; }

    /// <summary>The offered rate, and where it came from (<c>concurrent</c>, <c>sweep</c> or <c>configured</c>) with the peak it is a share of.</summary>
    public double RateRps { get; init; }
    public required string RateSource { get; init; }
    public double? PeakRps { get; init; }
    public double PeakShare { get; init; }

    public long Requests { get; init; }
    public long Ok { get; init; }
    public required ErrorCounts Errors { get; init; }
    public double ErrorRate { get; init; }
    public long DroppedStarts { get; init; }

    /// <summary>p99 (from the intended start: no coordinated omission) of the turns started in the first and in the last minute.</summary>
    public double? FirstMinuteP99Ms { get; init; }
    public double? LastMinuteP99Ms { get; init; }
    public double? P99DriftMs { get; init; }

    /// <summary>Least-squares slope of the process tree's RSS over the sampler's samples, MiB per hour; null when not sampled.</summary>
    public double? RssSlopeMibPerHour { get; init; }
    public int RssSamples { get; init; }
    public ResourceUsage? Resources { get; init; }
    public string? Note { get; init; }
}
