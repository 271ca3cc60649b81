namespace BenchApp.MockLlm.Latency;

/// <summary>
/// The wait of one reply after jitter: the first chunk after <see cref="TtftMs"/>, then one output token every
/// <see cref="PerTokenMs"/>; a reply that is not streamed waits <see cref="TotalMs"/> at once.
/// </summary>
public readonly record struct LatencyPlan(double TtftMs, double PerTokenMs, int OutputTokens)
{
    public static readonly LatencyPlan None = new(0, 0, 0);

    public double TotalMs => TtftMs + PerTokenMs * OutputTokens;

    public bool IsZero => TtftMs <= 0 && PerTokenMs <= 0;

    /// <summary>When token <paramref name="k"/> (1-based; 0 = first chunk) is due, ms after the wait began.</summary>
    public double DueMs(int k) => TtftMs + PerTokenMs * k;
}
