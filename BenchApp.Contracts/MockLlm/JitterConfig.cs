namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Seeded noise on the latency: <c>normal</c> adds N(0, stddev_ms) to the total (floored at 0);
/// <c>lognormal</c> multiplies it by exp(sigma * Z - sigma^2 / 2), which keeps the mean.
/// </summary>
public sealed record JitterConfig
{
    public const double MaxSigma = 5;

    public string Distribution { get; set; } = JitterDistributions.None;
    public double StddevMs { get; set; }
    public double Sigma { get; set; }
}

public static class JitterDistributions
{
    public const string None = "none";
    public const string Normal = "normal";
    public const string Lognormal = "lognormal";

    public static readonly IReadOnlyList<string> All = [None, Normal, Lognormal];
}
