namespace BenchApp.LoadDriver.Suite;

/// <summary>What the <c>run</c> command was asked, on top of the config file.</summary>
public sealed record RunOptions
{
    /// <summary>Scenarios to run; empty = every scenario of the config (and the sweep and growth probe).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];
    public IReadOnlyList<string> ExecutorFlags { get; init; } = [];
    public IReadOnlyList<string> OnlyExecutors { get; init; } = [];
    public string? MockLlmUrl { get; init; }
    public int? Iterations { get; init; }
    public int? Warmup { get; init; }
    public int? Concurrency { get; init; }
    public double? Rate { get; init; }
    public double? DurationSeconds { get; init; }
    public bool Quick { get; init; }
    public string? Latency { get; init; }
    public string? OutputRoot { get; init; }
    public bool NoSweep { get; init; }
    public bool NoGrowth { get; init; }
    public long? Seed { get; init; }
    public double? HealthWaitSeconds { get; init; }
    public string? ConfigFile { get; init; }

    /// <summary>Fail (exit 3) instead of measuring the rest when any executor is unavailable.</summary>
    public bool RequireAll { get; init; }

    /// <summary>Environment to discover executors in (the process's by default; tests pass their own).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
