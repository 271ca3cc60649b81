namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// <c>cold_start:</c> the driver starts its own copy of each executor (the <c>crash_recovery.executors</c> launch
/// command) <see cref="Starts"/> times and times process start -> first /health 200 -> first correct reply.
/// </summary>
public sealed record ColdStartConfig
{
    public bool Enabled { get; init; } = true;
    public int Starts { get; init; } = 5;
    public int QuickStarts { get; init; } = 3;

    /// <summary>How long one start may take to answer its first reply before it counts as failed.</summary>
    public double TimeoutSeconds { get; init; } = 120;
}

/// <summary>
/// <c>end_to_end:</c> the seed's five scenarios again at a latency profile that looks like a hosted model
/// (<see cref="Latency"/>), so one table shows what a user sees end to end beside the zero-latency overhead tables.
/// </summary>
public sealed record EndToEndConfig
{
    public bool Enabled { get; init; } = true;
    public string Latency { get; init; } = "realistic";

    /// <summary>Measured iterations of each scenario but <c>concurrent</c>; at hundreds of ms per LLM call, small.</summary>
    public int Iterations { get; init; } = 20;
    public int Warmup { get; init; } = 2;
    public int ConcurrentIterations { get; init; } = 300;

    public int QuickIterations { get; init; } = 5;
    public int QuickConcurrentIterations { get; init; } = 200;
}
