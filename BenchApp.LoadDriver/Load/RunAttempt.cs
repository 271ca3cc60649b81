using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Load;

/// <summary>One POST /v1/runs as the client saw it: when it started and ended, and how it went.</summary>
public sealed record RunAttempt
{
    public long StartTimestamp { get; init; }
    public long EndTimestamp { get; init; }
    public ErrorKind Error { get; init; }
    public int StatusCode { get; init; }
    public string? Detail { get; init; }
    public RunResponse? Response { get; init; }

    /// <summary>True when the driver itself was stopped (Ctrl+C): neither a result nor an error.</summary>
    public bool Cancelled { get; init; }

    public double LatencyMs => (EndTimestamp - StartTimestamp) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
