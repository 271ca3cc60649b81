using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Discovery;

/// <summary>
/// An executor after probing: available or not (with the reason), what it says it is, which local process
/// to sample (or why none), and how long it took to start when the driver saw it start.
/// </summary>
public sealed record ExecutorStatus
{
    public required ExecutorTarget Target { get; init; }
    public bool Available { get; init; }
    public string? Reason { get; init; }
    public ExecutorInfo? Info { get; init; }
    public int? SamplingPid { get; init; }
    public string? SamplingNote { get; init; }
    public double? StartupMs { get; init; }
    public string? StartupNote { get; init; }

    public string Name => Target.Name;
}
