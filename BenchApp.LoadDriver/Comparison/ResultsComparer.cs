using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Comparison;

/// <summary>
/// Compares two runs per executor and scenario like dotnet/performance's ResultsComparer: a change counts only
/// when the median moved by more than the relative threshold AND the absolute noise floor AND a one-sided
/// Mann-Whitney test says the samples differ at level alpha. More errors (by over one point) is a regression too.
/// </summary>
public static class ResultsComparer
{
    public const int MinSamples = 5;
    private const double ErrorRateSlack = 0.01;

    public static IReadOnlyList<ComparisonRow> Compare(BenchmarkResults baseline, BenchmarkResults current, CompareConfig settings)
    {
        var rows = new List<ComparisonRow>();
        var keys = baseline.Scenarios.Select(s => (s.Executor, s.Scenario))
            .Concat(current.Scenarios.Select(s => (s.Executor, s.Scenario))).Distinct();
        foreach (var (executor, scenario) in keys)
        {
            var b = baseline.Scenarios.FirstOrDefault(s => s.Executor == executor && s.Scenario == scenario);
            var c = current.Scenarios.FirstOrDefault(s => s.Executor == executor && s.Scenario == scenario);
            rows.Add(Row(executor, scenario, b, c, settings));
        }
        return rows;
    }

    public static ComparisonRow Row(string executor, string scenario, ScenarioResult? b, ScenarioResult? c, CompareConfig settings)
    {
        var row = new ComparisonRow
        {
            Executor = executor, Scenario = scenario, Verdict = Verdict.Missing,
            BaselineCount = b?.SamplesMs.Count ?? 0, CurrentCount = c?.SamplesMs.Count ?? 0,
            BaselineErrorRate = b?.ErrorRate ?? 0, CurrentErrorRate = c?.ErrorRate ?? 0,
        };
        if (b is null || c is null) return row with { Note = b is null ? "not in the baseline" : "not in the current run" };

        if (c.ErrorRate > b.ErrorRate + ErrorRateSlack)
            row = row with { Verdict = Verdict.Regression, Note = $"error rate {b.ErrorRate:P2} -> {c.ErrorRate:P2}" };
        if (b.SamplesMs.Count < MinSamples || c.SamplesMs.Count < MinSamples)
            return row.Verdict == Verdict.Regression ? row : row with { Note = $"fewer than {MinSamples} good replies in one run" };

        var baseMedian = Median(b.SamplesMs);
        var currentMedian = Median(c.SamplesMs);
        var diff = currentMedian - baseMedian;
        var ratio = baseMedian > 0 ? currentMedian / baseMedian : double.NaN;
        var test = MannWhitney.Test(b.SamplesMs, c.SamplesMs);
        var p = diff >= 0 ? test.PGreater : test.PLess;
        row = row with { BaselineMedianMs = Math.Round(baseMedian, 3), CurrentMedianMs = Math.Round(currentMedian, 3), Ratio = double.IsFinite(ratio) ? ratio : null, PValue = p };
        if (row.Verdict == Verdict.Regression) return row;

        var beyondThreshold = Math.Abs(diff) > settings.NoiseFloorMs && (!double.IsFinite(ratio) || Math.Abs(ratio - 1) * 100 > settings.ThresholdPercent);
        var verdict = !beyondThreshold ? Verdict.Same
            : p >= settings.Alpha ? Verdict.NotSignificant
            : diff > 0 ? Verdict.Regression
            : Verdict.Improvement;
        return row with { Verdict = verdict };
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Geometric mean of current/baseline medians over the rows that have both.</summary>
    public static double? GeometricMeanRatio(IReadOnlyList<ComparisonRow> rows)
    {
        var ratios = rows.Where(r => r.Ratio is > 0).Select(r => r.Ratio!.Value).ToList();
        return ratios.Count == 0 ? null : Math.Exp(ratios.Average(Math.Log));
    }
}
