namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Seeded fault rates, each in [0, 1] and together at most 1: a completion fails with a 500, a 429 with
/// Retry-After, or hangs (no answer until the client gives up or <see cref="HangMs"/> passes, then a 504).
/// </summary>
public sealed record FaultConfig
{
    public const double MaxRetryAfterSeconds = 3600;
    public const int MaxHangMs = 3_600_000;

    public double ErrorRate { get; set; }
    public double RateLimitRate { get; set; }
    public double RetryAfterSeconds { get; set; } = 1;
    public double HangRate { get; set; }
    public int HangMs { get; set; } = 300_000;
}
