namespace BenchApp.LoadDriver.Comparison;

public enum Verdict
{
    /// <summary>Slower beyond the threshold and the noise floor, and significantly so.</summary>
    Regression,
    Improvement,

    /// <summary>Within the relative threshold or the absolute noise floor.</summary>
    Same,

    /// <summary>Beyond the threshold, but the test cannot tell it from noise.</summary>
    NotSignificant,

    /// <summary>In one run only, or too few good replies to compare.</summary>
    Missing,
}

/// <summary>One executor and scenario across two runs: median change and whether it counts.</summary>
public sealed record ComparisonRow
{
    public required string Executor { get; init; }
    public required string Scenario { get; init; }
    public int BaselineCount { get; init; }
    public int CurrentCount { get; init; }
    public double? BaselineMedianMs { get; init; }
    public double? CurrentMedianMs { get; init; }
    public double? Ratio { get; init; }
    public double? PValue { get; init; }
    public double BaselineErrorRate { get; init; }
    public double CurrentErrorRate { get; init; }
    public required Verdict Verdict { get; init; }
    public string? Note { get; init; }
}
