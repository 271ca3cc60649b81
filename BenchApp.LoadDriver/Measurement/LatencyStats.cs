using HdrHistogram;

namespace BenchApp.LoadDriver.Measurement;

/// <summary>Summary of a latency distribution in milliseconds, from an HdrHistogram recorded in microseconds.</summary>
public sealed record LatencyStats
{
    public long Count { get; init; }
    public double Min { get; init; }
    public double Mean { get; init; }
    public double P50 { get; init; }
    public double P90 { get; init; }
    public double P99 { get; init; }
    public double P999 { get; init; }
    public double Max { get; init; }

    /// <summary>Percentile spectrum (percentile, ms) for the distribution charts.</summary>
    public IReadOnlyList<double[]>? Spectrum { get; init; }

    /// <summary>Latencies up to 10 minutes, 3 significant digits: 1 µs resolution below 1 ms, 0.1% above.</summary>
    public static LongHistogram NewHistogram() => new(600_000_000L, 3);

    public static readonly double[] SpectrumPercentiles =
        [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];

    /// <summary>Records milliseconds (negative values are recorded as 0) and summarises; null when empty.</summary>
    public static LatencyStats? FromMilliseconds(IEnumerable<double> values, bool withSpectrum = false)
    {
        var histogram = NewHistogram();
        foreach (var ms in values) histogram.RecordValue(ToMicros(ms));
        return From(histogram, withSpectrum);
    }

    public static long ToMicros(double ms) => Math.Clamp((long)Math.Round(ms * 1000), 0, 600_000_000L);

    public static LatencyStats? From(HistogramBase histogram, bool withSpectrum = false)
    {
        if (histogram.TotalCount == 0) return null;
        return new LatencyStats
        {
            Count = histogram.TotalCount,
            Min = Ms(histogram.LowestEquivalentValue(histogram.GetValueAtPercentile(0))),
            Mean = Math.Round(histogram.GetMean() / 1000, 3),
            P50 = At(histogram, 50),
            P90 = At(histogram, 90),
            P99 = At(histogram, 99),
            P999 = At(histogram, 99.9),
            Max = Ms(histogram.GetMaxValue()),
            Spectrum = withSpectrum ? SpectrumPercentiles.Select(p => new[] { p, At(histogram, p) }).ToList() : null,
        };
    }

    // HdrHistogram reports the highest value equivalent to the bucket; it is within 0.1% of the recorded one.
    private static double At(HistogramBase histogram, double percentile) => Ms(histogram.GetValueAtPercentile(percentile));

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
