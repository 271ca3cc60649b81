namespace BenchApp.LoadDriver.Measurement;

/// <summary>
/// CPU and memory of a process and its children over a window. CPU is in % of one core (200 = two cores busy).
/// <see cref="PeakSource"/> says where the peak came from: <c>vmhwm</c> (kernel high-water mark, reset at the
/// window's start) or <c>sampled</c> (largest sampled RSS, when the reset was not allowed).
/// </summary>
public sealed record ResourceUsage
{
    public double CpuAvgPercent { get; init; }

    /// <summary>CPU time of the tree over the window (user + system), in milliseconds.</summary>
    public double? CpuMs { get; init; }
    public double CpuPeakPercent { get; init; }
    public long RssAvgKb { get; init; }
    public long RssPeakKb { get; init; }
    public long RssStartKb { get; init; }
    public long RssEndKb { get; init; }
    public required string PeakSource { get; init; }
    public string? Note { get; init; }
    public int Samples { get; init; }
    public int MaxProcesses { get; init; }
    public double WindowSeconds { get; init; }
}
