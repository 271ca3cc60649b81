namespace BenchApp.LoadDriver.Load;

/// <summary>
/// One measured request. <see cref="ScheduleDelayMs"/> is how late it started against its intended time
/// (open loop, first turn of an iteration), so corrected latency = latency + delay.
/// </summary>
public sealed record RequestSample
{
    public string? RunId { get; init; }
    public int Turn { get; init; }
    public double LatencyMs { get; init; }
    public double ScheduleDelayMs { get; init; }
    public ErrorKind Error { get; init; }
    public int StatusCode { get; init; }
    public string? Detail { get; init; }
    public int LlmCalls { get; init; }

    // The executor's own account of the run (timings_ms).
    public double ServerTotalMs { get; init; }
    public double ServerLlmMs { get; init; }
    public double ServerToolMs { get; init; }
    public double ServerStateMs { get; init; }

    public double CorrectedLatencyMs => LatencyMs + ScheduleDelayMs;
}
