using BenchApp.Contracts.MockLlm;
using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>A scenario ready to run: what to send, how much load, and the mock LLM's latency model for it.</summary>
public sealed record ScenarioPlan
{
    public required ScenarioDefinition Definition { get; init; }
    public LoadModel Model { get; init; } = LoadModel.Closed;
    public int Concurrency { get; init; } = 1;
    public double? Rate { get; init; }
    public int Iterations { get; init; }
    public int Warmup { get; init; }
    public double? DurationSeconds { get; init; }
    public int MaxInFlight { get; init; } = 1000;
    public required string LatencyProfile { get; init; }
    public required LatencyConfig LatencyModel { get; init; }

    /// <summary>Progress label, e.g. <c>simple-chat</c> or <c>sweep simple-chat x50</c>.</summary>
    public string Label { get; init; } = "";

    public string Name => Definition.Name;
    public TimeSpan? Duration => DurationSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
