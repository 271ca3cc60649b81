namespace BenchApp.Contracts.Runs;

/// <summary>Limits every executor enforces; docs/executor-api.md states the same numbers.</summary>
public static class ContractLimits
{
    public const int MaxBodyBytes = 131_072;
    public const int MaxMessageUtf8Bytes = 65_536;
    public const int MinIterations = 1;
    public const int MaxIterations = 50;
    public const int DefaultMaxIterations = 10;
    public const int MaxSessionIdLength = 64;

    /// <summary>Session ids: 1-64 of A-Z a-z 0-9 _ - (safe in Redis keys, Temporal workflow ids and URLs).</summary>
    public const string SessionIdPattern = "^[A-Za-z0-9_-]{1,64}$";
}
