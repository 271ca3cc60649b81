namespace BenchApp.Contracts.Runs;

/// <summary>Body of <c>GET /v1/info</c>: what the executor is, truthfully.</summary>
public sealed record ExecutorInfo
{
    public required string Executor { get; init; }
    public required string Language { get; init; }
    public required string RuntimeVersion { get; init; }
    public required string Framework { get; init; }
    public required string FrameworkVersion { get; init; }
    public required bool Durable { get; init; }
    public required string StateStore { get; init; }
    public required int Pid { get; init; }
}
