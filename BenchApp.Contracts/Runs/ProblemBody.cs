namespace BenchApp.Contracts.Runs;

/// <summary>RFC 7807 problem+json as every executor writes it; <see cref="Errors"/> names the bad fields.</summary>
public sealed record ProblemBody
{
    public const string ContentType = "application/problem+json";

    public string Type { get; init; } = "about:blank";
    public required string Title { get; init; }
    public required int Status { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>For 503 <c>dependency-unavailable</c>: which dependency failed (<c>redis</c>, <c>temporal</c>, ...).</summary>
    public string? Dependency { get; init; }

    public static ProblemBody Validation(IReadOnlyDictionary<string, string[]> errors) => new()
    {
        Type = "https://benchapp.dev/problems/validation",
        Title = "One or more fields are invalid.",
        Status = 400,
        Detail = string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
        Errors = errors,
    };
}
