namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Deliberate wait per reply: <c>ttft_ms + per_token_ms * output_tokens</c>, then jitter. A streamed reply
/// waits the same total: the first chunk after the time to first token, one token every per-token time.
/// </summary>
public sealed record LatencyConfig
{
    public const double MaxMs = 600_000;

    public double TtftMs { get; set; }
    public double PerTokenMs { get; set; }
    public JitterConfig Jitter { get; set; } = new();
}
