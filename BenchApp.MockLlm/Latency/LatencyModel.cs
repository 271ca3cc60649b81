using BenchApp.Contracts.MockLlm;

namespace BenchApp.MockLlm.Latency;

/// <summary>
/// Turns the latency config into the wait of one reply: base = ttft + per_token * tokens, then seeded jitter
/// on the total. The jittered total is split back over ttft and per-token time in proportion, so a streamed
/// reply waits exactly what the same reply would wait unstreamed.
/// </summary>
public sealed class LatencyModel
{
    private readonly LatencyConfig _config;
    private readonly long _seed;
    private readonly Jitter _jitter;

    private enum Jitter { None, Normal, Lognormal }

    public LatencyModel(LatencyConfig config, long seed)
    {
        _config = config;
        _seed = seed;
        _jitter = config.Jitter.Distribution switch
        {
            JitterDistributions.Normal when config.Jitter.StddevMs > 0 => Jitter.Normal,
            JitterDistributions.Lognormal when config.Jitter.Sigma > 0 => Jitter.Lognormal,
            _ => Jitter.None,
        };
        IsZero = _jitter is not Jitter.Normal && config.TtftMs <= 0 && config.PerTokenMs <= 0;
    }

    /// <summary>True when no reply ever waits: the request path then skips the latency code entirely.</summary>
    public bool IsZero { get; }

    public LatencyPlan Plan(int outputTokens, long sequence)
    {
        if (IsZero) return new LatencyPlan(0, 0, outputTokens);

        var ttft = _config.TtftMs;
        var perToken = _config.PerTokenMs;
        var baseTotal = ttft + perToken * outputTokens;
        switch (_jitter)
        {
            case Jitter.Normal:
                var total = Math.Max(0, baseTotal + _config.Jitter.StddevMs * SeededDraws.StandardNormal(_seed, sequence));
                if (baseTotal <= 0) return new LatencyPlan(total, 0, outputTokens);
                return Scaled(ttft, perToken, outputTokens, total / baseTotal);
            case Jitter.Lognormal:
                var sigma = _config.Jitter.Sigma;
                var factor = Math.Exp(sigma * SeededDraws.StandardNormal(_seed, sequence) - sigma * sigma / 2);
                return Scaled(ttft, perToken, outputTokens, factor);
            default:
                return new LatencyPlan(ttft, perToken, outputTokens);
        }
    }

    private static LatencyPlan Scaled(double ttft, double perToken, int tokens, double factor) =>
        new(ttft * factor, perToken * factor, tokens);
}
