using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.SelfTest;

/// <summary>One phase of the self-test: a load shape against a trivial endpoint, and what the driver achieved.</summary>
public sealed record SelfTestPhase
{
    public required string Name { get; init; }
    public int Concurrency { get; init; }
    public double? TargetRate { get; init; }
    public long Requests { get; init; }
    public long Errors { get; init; }
    public double AchievedRate { get; init; }
    public LatencyStats? Latency { get; init; }
    public LatencyStats? Corrected { get; init; }
    public long Dropped { get; init; }
    public double ScheduleLagP99Ms { get; init; }
    public double DriverCpuPercent { get; init; }
    public double? TargetCpuPercent { get; init; }
}
