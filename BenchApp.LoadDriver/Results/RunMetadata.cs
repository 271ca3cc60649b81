using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Results;

/// <summary>What a result needs to be trusted and repeated: code version, machine, runtimes, config, seed, command.</summary>
public sealed record RunMetadata
{
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required GitInfo Git { get; init; }
    public required MachineInfo Machine { get; init; }
    public required IReadOnlyDictionary<string, string> Runtimes { get; init; }
    public required string CommandLine { get; init; }
    public required long Seed { get; init; }
    public bool Quick { get; init; }
    public required BenchmarkConfig Config { get; init; }
    public string? ConfigFile { get; init; }
}

public sealed record GitInfo(string? Sha, bool? Dirty, string? Note);

public sealed record MachineInfo
{
    public required string Hostname { get; init; }
    public required string CpuModel { get; init; }
    public required int Cores { get; init; }
    public required long MemoryMb { get; init; }
    public required string Os { get; init; }
    public required string Kernel { get; init; }
    public required string Architecture { get; init; }
}
