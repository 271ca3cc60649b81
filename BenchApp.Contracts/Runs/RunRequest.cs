namespace BenchApp.Contracts.Runs;

/// <summary>Body of <c>POST /v1/runs</c>: one user turn.</summary>
public sealed record RunRequest
{
    public string? Message { get; init; }

    /// <summary>Absent: start a new session. Present: continue it (404 when unknown).</summary>
    public string? SessionId { get; init; }

    public int? MaxIterations { get; init; }
}
