using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Results;

/// <summary>How the driver and the mock were compiled; each executor's build is in its <see cref="ExecutorInfo.Build"/>.</summary>
public sealed record BuildsResult
{
    /// <summary><c>release</c> or <c>debug</c>, from the driver's own entry assembly.</summary>
    public required string Driver { get; init; }

    /// <summary>From the mock's <c>GET /admin/stats</c>; null when it did not say (see <see cref="MockNote"/>).</summary>
    public string? Mock { get; init; }
    public string? MockNote { get; init; }

    /// <summary>What ran in Debug: "the driver", "the mock LLM", "executor X"; empty when everything .NET was Release.</summary>
    public static IReadOnlyList<string> DebugParts(BenchmarkResults r)
    {
        var parts = new List<string>();
        if (r.Builds is not { } b) return parts;
        if (b.Driver == BuildFlavor.Debug) parts.Add("the load driver");
        if (b.Mock == BuildFlavor.Debug) parts.Add("the mock LLM");
        parts.AddRange(r.Executors.Where(e => e.Info?.Build == BuildFlavor.Debug).Select(e => e.Name));
        parts.AddRange(r.ColdStart.Where(c => c.Build == BuildFlavor.Debug && r.Executors.All(e => e.Name != c.Executor || e.Info?.Build != BuildFlavor.Debug))
            .Select(c => $"{c.Executor} (the driver's own copies)"));
        return parts;
    }
}

/// <summary>
/// Cold start of one executor: the driver starts its own copy <see cref="Starts"/> times (the crash-recovery launch
/// command) and times process start -> first <c>/health</c> 200 -> first correct simple-chat reply, with the process
/// tree's RSS at that reply.
/// </summary>
public sealed record ColdStartResult
{
    public required string Executor { get; init; }

    /// <summary><c>measured</c>, <c>not_measured</c> (no launch command, missing environment) or <c>failed</c>.</summary>
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public string? StartedBy { get; init; }
    public string? Language { get; init; }
    public string? Build { get; init; }
    public int Starts { get; init; }
    public double? HealthMsMedian { get; init; }
    public double? HealthMsMax { get; init; }
    public double? FirstReplyMsMedian { get; init; }
    public double? FirstReplyMsMax { get; init; }
    public long? RssKbMedian { get; init; }
    public long? RssKbMax { get; init; }
    public IReadOnlyList<ColdStartRun> Runs { get; init; } = [];
}

/// <summary>One start: milliseconds from the driver's process start call, and the tree's RSS at the first reply.</summary>
public sealed record ColdStartRun(double HealthMs, double FirstReplyMs, long? RssKb);

/// <summary>
/// CPU and memory normalised by the work, so runs on different core counts compare: the executor tree's CPU time
/// over the measured window divided by the runs (POST /v1/runs) sent in it, and the peak RSS divided by the
/// concurrent sessions (closed-loop workers).
/// </summary>
public sealed record Efficiency(double? CpuMsPerRun, long? RssPeakKbPerSession)
{
    /// <summary>Null when the process was not sampled or nothing was sent; per session only for a closed loop (its workers are the sessions in flight).</summary>
    public static Efficiency? From(Measurement.ResourceUsage? resources, long runs, int? concurrentSessions)
    {
        if (resources is null || runs <= 0) return null;
        double? cpu = resources.CpuMs is { } ms ? Math.Round(ms / runs, 3) : null;
        long? perSession = concurrentSessions is > 0 ? resources.RssPeakKb / concurrentSessions.Value : null;
        return new Efficiency(cpu, perSession);
    }
}

/// <summary>
/// State the executor reported (<c>state_bytes</c>) along the growth probe's turns: bytes per turn and the session's
/// stored size, the fitted growth, and the turn at which the store's hard limit would be reached at that rate.
/// </summary>
public sealed record StateGrowth
{
    /// <summary>Turns whose reply carried a session size; 0 = the executor does not report state_bytes.</summary>
    public int TurnsReported { get; init; }

    /// <summary>(turn, bytes written by the turn, session bytes after it); a null figure is -1.</summary>
    public IReadOnlyList<long[]> Points { get; init; } = [];
    public long? FirstTurnBytes { get; init; }
    public long? LastTurnBytes { get; init; }
    public long? SessionBytesEnd { get; init; }

    /// <summary>Least-squares slope of the session's size over turns (bytes per turn).</summary>
    public double? SessionBytesPerTurn { get; init; }

    /// <summary>Exponent k of session bytes ~ a * turn^k (least squares on log-log): ~1 linear, ~2 quadratic.</summary>
    public double? SessionExponent { get; init; }
    public double? SessionCoefficient { get; init; }

    /// <summary>The state store's hard limit this executor's session meets, and the turn it would reach it at the fitted rate.</summary>
    public string? Limit { get; init; }
    public long? LimitBytes { get; init; }
    public long? LimitTurn { get; init; }

    /// <summary>Temporal: history events after the last turn, and the turn the 51,200-event limit would be reached.</summary>
    public long? EventsEnd { get; init; }
    public long? EventsLimitTurn { get; init; }
    public string? Note { get; init; }
}
