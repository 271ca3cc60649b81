namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// <c>POST /admin/faults/fail-next</c>: the next <see cref="Count"/> valid completions fail with
/// <see cref="Kind"/>, before any seeded fault rate applies. Replaces what was pending; count 0 clears it.
/// The reply is the pending state.
/// </summary>
public sealed record FailNextRequest
{
    public const int MaxCount = 1_000_000;

    public int Count { get; set; }
    public string Kind { get; set; } = FaultKinds.Error;
}

public static class FaultKinds
{
    public const string Error = "error";
    public const string RateLimit = "rate_limit";
    public const string Hang = "hang";

    /// <summary>503 overloaded (Anthropic 529, Gemini UNAVAILABLE): fail-next only, no seeded rate.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The kinds with a seeded rate too (and the load driver's recovery kinds).</summary>
    public static readonly IReadOnlyList<string> All = [Error, RateLimit, Hang];

    /// <summary>What <c>POST /admin/faults/fail-next</c> accepts.</summary>
    public static readonly IReadOnlyList<string> FailNext = [Error, RateLimit, Hang, Unavailable];
}
