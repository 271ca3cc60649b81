using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Latency;

namespace BenchApp.MockLlm.Runtime;

/// <summary>
/// One behaviour model in force, immutable, with its own request sequence: replacing the config starts a
/// new sequence, so the i-th valid completion after a PUT gets the same jitter and fault draws in every run.
/// </summary>
public sealed class ActiveConfig
{
    private long _nextSequence;

    public ActiveConfig(MockLlmConfig config)
    {
        Config = config;
        Latency = new LatencyModel(config.Latency, config.Seed);
        Faults = config.Faults;
        HasFaultRates = Faults.ErrorRate > 0 || Faults.RateLimitRate > 0 || Faults.HangRate > 0;
    }

    public MockLlmConfig Config { get; }
    public LatencyModel Latency { get; }
    public FaultConfig Faults { get; }
    public long Seed => Config.Seed;
    public bool HasFaultRates { get; }

    public long NextSequence() => Interlocked.Increment(ref _nextSequence) - 1;
}
