using BenchApp.Contracts.MockLlm;

namespace BenchApp.MockLlm.Hosting;

/// <summary>
/// The <c>MockLlm</c> configuration section: the start-up behaviour model (the same shape as
/// <c>GET /admin/config</c>, in PascalCase keys, e.g. <c>MockLlm__Latency__TtftMs</c>) and two service limits.
/// </summary>
public sealed class MockLlmOptions
{
    public const string SectionName = "MockLlm";
    public const int DefaultMaxRequestBodyBytes = 8 * 1024 * 1024;
    public const int DefaultMaxTrackedRuns = 100_000;

    public LatencyConfig Latency { get; set; } = new();
    public FaultConfig Faults { get; set; } = new();
    public long Seed { get; set; } = 42;

    /// <summary>Completion bodies above this size are refused with a 400 in the provider's error shape.</summary>
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Per-run accounting keeps the newest this many <c>run=</c> ids.</summary>
    public int MaxTrackedRuns { get; set; } = DefaultMaxTrackedRuns;

    public MockLlmConfig ToConfig() => new() { Latency = Latency, Faults = Faults, Seed = Seed };
}
