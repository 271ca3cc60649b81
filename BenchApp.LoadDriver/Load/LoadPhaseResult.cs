namespace BenchApp.LoadDriver.Load;

/// <summary>
/// How a load phase went: its wall time, iterations started, and for an open loop the starts dropped
/// (every in-flight slot busy at the intended time) and how late the driver started the others.
/// </summary>
public sealed record LoadPhaseResult
{
    public double ElapsedSeconds { get; init; }
    public long Started { get; init; }
    public long Dropped { get; init; }
    public double ScheduleLagP99Ms { get; init; }
    public double ScheduleLagMaxMs { get; init; }
    public double? AchievedRate { get; init; }
}
