namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// The mock LLM's behaviour model, read and replaced through <c>GET/PUT /admin/config</c> and set at start
/// from the <c>MockLlm</c> configuration section (same shape). A PUT replaces the whole model: fields left
/// out take the defaults below, not their previous values, so a scenario is fully described by its body.
/// Properties are settable (not init) so both the configuration binder and source-generated JSON keep the
/// defaults of fields a body leaves out.
/// </summary>
public sealed record MockLlmConfig
{
    public LatencyConfig Latency { get; set; } = new();
    public FaultConfig Faults { get; set; } = new();

    /// <summary>Seeds jitter and fault draws; replacing the config restarts both sequences.</summary>
    public long Seed { get; set; } = 42;
}
