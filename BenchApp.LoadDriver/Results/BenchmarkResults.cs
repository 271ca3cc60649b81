using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Results;

/// <summary>
/// results.json, schema version 1: everything a report is built from, and everything needed to repeat the run.
/// Written after every scenario, so an interrupted run keeps what finished (<see cref="Status"/> says which).
/// </summary>
public sealed record BenchmarkResults
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary><c>running</c>, <c>complete</c>, <c>interrupted</c> (Ctrl+C) or <c>failed</c>.</summary>
    public required string Status { get; init; }
    public required RunMetadata Metadata { get; init; }
    public required MockLlmStatus MockLlm { get; init; }
    public IReadOnlyList<ExecutorResult> Executors { get; init; } = [];
    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];
    public IReadOnlyList<SweepPoint> Sweep { get; init; } = [];
    public IReadOnlyList<GrowthResult> Growth { get; init; } = [];
    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    // Added in schema 1 without a bump: files without them read as empty lists.
    public IReadOnlyList<ErrorRecoveryResult> ErrorRecovery { get; init; } = [];
    public IReadOnlyList<CrashRecoveryResult> CrashRecovery { get; init; } = [];

    // Added in schema 1 without a bump (docs/methodology.md, "What users ask about"): older files read as none.
    public BuildsResult? Builds { get; init; }
    public IReadOnlyList<ColdStartResult> ColdStart { get; init; } = [];

    /// <summary>The seed's five scenarios at the realistic latency profile: what a user sees end to end.</summary>
    public IReadOnlyList<ScenarioResult> EndToEnd { get; init; } = [];
    public IReadOnlyList<DependencyFaultResult> DependencyFault { get; init; } = [];
    public IReadOnlyList<SoakResult> Soak { get; init; } = [];
}

public sealed record MockLlmStatus
{
    public string? Url { get; init; }

    /// <summary>True when the admin API answered: overhead is measured per run.</summary>
    public bool AdminAvailable { get; init; }
    public string? Reason { get; init; }
}

public sealed record ExecutorResult
{
    public required string Name { get; init; }
    public string? Url { get; init; }
    public required string Source { get; init; }
    public bool Available { get; init; }
    public string? Reason { get; init; }
    public ExecutorInfo? Info { get; init; }
    public int? SampledPid { get; init; }
    public string? SamplingNote { get; init; }
    public double? StartupMs { get; init; }
    public string? StartupNote { get; init; }

    /// <summary>Resident memory and CPU after health, before any load.</summary>
    public ResourceUsage? Idle { get; init; }
}

public sealed record LoadSettings
{
    public required LoadModel Model { get; init; }
    public int Concurrency { get; init; }
    public double? Rate { get; init; }
    public int Iterations { get; init; }
    public int Warmup { get; init; }
    public double? DurationSeconds { get; init; }
    public int? MaxInFlight { get; init; }
}

public sealed record ExpectedReply(int LlmCalls, int ToolCalls, int Iterations);

public sealed record ErrorCounts
{
    public long Connect { get; init; }
    public long Timeout { get; init; }
    public long Status { get; init; }
    public long Protocol { get; init; }
    public long WrongAnswer { get; init; }

    public long Total => Connect + Timeout + Status + Protocol + WrongAnswer;
}

/// <summary>Share of the executors' own run time spent loading and persisting history (timings_ms.state).</summary>
public sealed record StateShare(double StateMsMean, double TotalMsMean, double Share);

/// <summary>What the executor reported of its own time per run (timings_ms), averaged over good replies.</summary>
public sealed record ServerTimings(double TotalMs, double LlmMs, double ToolMs, double StateMs);

/// <summary>How the mock's per-run accounting matched the measured runs.</summary>
public sealed record MockAccounting(long RunsMatched, long RunsMissing, double WaitMsMean, long LlmCallMismatches);

public sealed record ScenarioResult
{
    public required string Executor { get; init; }
    public required string Scenario { get; init; }
    public string? Description { get; init; }
    public required string Directive { get; init; }
    public int Turns { get; init; } = 1;
    public required ExpectedReply Expected { get; init; }
    public required LoadSettings Load { get; init; }
    public string? LatencyProfile { get; init; }
    public LatencyConfig? LatencyModel { get; init; }
    public string? LatencyModelNote { get; init; }

    public long Requests { get; init; }
    public long Ok { get; init; }
    public required ErrorCounts Errors { get; init; }
    public double ErrorRate { get; init; }
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<string> ErrorExamples { get; init; } = [];

    public double WallSeconds { get; init; }
    public double ThroughputRps { get; init; }

    /// <summary>Latency of good replies: closed loop from each request's start; open loop uncorrected (from the actual send).</summary>
    public LatencyStats? LatencyMs { get; init; }

    /// <summary>Open loop only: from the intended start (coordinated omission corrected).</summary>
    public LatencyStats? LatencyCorrectedMs { get; init; }
    public long? DroppedStarts { get; init; }
    public double? ScheduleLagP99Ms { get; init; }

    /// <summary>Latency minus the mock's reported wait and the tools' delays; null (with a note) when not measurable.</summary>
    public LatencyStats? OverheadMs { get; init; }
    public string? OverheadNote { get; init; }
    public MockAccounting? Mock { get; init; }

    public ServerTimings? ServerMs { get; init; }
    public StateShare? State { get; init; }

    /// <summary>Multi-turn: p50 latency of each turn position (1st, 2nd, ...), to show history growing.</summary>
    public IReadOnlyList<double>? PerTurnP50Ms { get; init; }

    public ResourceUsage? Resources { get; init; }
    public string? ResourcesNote { get; init; }
    public Efficiency? Efficiency { get; init; }

    /// <summary>Good replies' latencies in ms (the corrected ones in an open loop), for compare; a seeded reservoir when long.</summary>
    public IReadOnlyList<double> SamplesMs { get; init; } = [];
}

public sealed record SweepPoint
{
    public required string Executor { get; init; }
    public required string Scenario { get; init; }
    public int Concurrency { get; init; }
    public long Requests { get; init; }
    public double ErrorRate { get; init; }
    public double ThroughputRps { get; init; }
    public LatencyStats? LatencyMs { get; init; }
    public LatencyStats? OverheadMs { get; init; }
    public double? CpuAvgPercent { get; init; }
    public long? RssAvgKb { get; init; }
    public Efficiency? Efficiency { get; init; }

    /// <summary>Server worker processes of the executor measured at this point (Python); null = one server process, or not reported.</summary>
    public int? Workers { get; init; }
    public string? Note { get; init; }
}

public sealed record GrowthResult
{
    public required string Executor { get; init; }
    public int Turns { get; init; }
    public long Errors { get; init; }
    public long? RssStartKb { get; init; }
    public long? RssEndKb { get; init; }

    /// <summary>Least-squares slope of RSS over turns.</summary>
    public double? RssKbPerTurn { get; init; }
    public double? FirstTurnsP50Ms { get; init; }
    public double? LastTurnsP50Ms { get; init; }

    /// <summary>(turn, RSS KiB) pairs.</summary>
    public IReadOnlyList<long[]> Points { get; init; } = [];
    public string? Note { get; init; }
    public StateGrowth? State { get; init; }
}

public sealed record ThresholdOutcome
{
    public required string Rule { get; init; }
    public required string Executor { get; init; }
    public required string Scenario { get; init; }
    public double? Actual { get; init; }
    public bool Passed { get; init; }
}
