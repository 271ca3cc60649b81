using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Reports;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Comparison;

/// <summary>The comparison as Markdown, short enough for a pull-request comment.</summary>
public static class ComparisonReport
{
    public static string Render(BenchmarkResults baseline, BenchmarkResults current, IReadOnlyList<ComparisonRow> rows, CompareConfig settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Benchmark comparison").AppendLine();
        sb.AppendLine($"Baseline {Label(baseline)} → current {Label(current)}.");
        sb.AppendLine($"A change counts when the median moves by more than {settings.ThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture)}% and {settings.NoiseFloorMs.ToString("0.###", CultureInfo.InvariantCulture)} ms, and a one-sided Mann-Whitney test gives p < {settings.Alpha.ToString("0.####", CultureInfo.InvariantCulture)}.").AppendLine();

        var table = new MarkdownTable("Executor", "Scenario", ">Baseline p50 (ms)", ">Current p50 (ms)", ">Change", ">p-value", "Verdict");
        foreach (var r in rows.OrderBy(r => r.Verdict).ThenBy(r => r.Executor, StringComparer.Ordinal).ThenBy(r => r.Scenario, StringComparer.Ordinal))
            table.Row(r.Executor, r.Scenario, ReportFormat.Ms(r.BaselineMedianMs), ReportFormat.Ms(r.CurrentMedianMs),
                r.Ratio is { } ratio ? (ratio - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : ReportFormat.None,
                r.PValue is { } p ? (p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture)) : ReportFormat.None,
                Text(r));
        table.WriteTo(sb);

        if (ResultsComparer.GeometricMeanRatio(rows) is { } geo)
            sb.AppendLine($"Geometric mean of current/baseline medians: {geo.ToString("0.000", CultureInfo.InvariantCulture)}x.").AppendLine();
        var regressions = rows.Count(r => r.Verdict == Verdict.Regression);
        sb.AppendLine(regressions == 0 ? "**No regression.**" : $"**{regressions} regression{(regressions == 1 ? "" : "s")}.**");
        return sb.ToString();
    }

    private static string Text(ComparisonRow r)
    {
        var verdict = r.Verdict switch
        {
            Verdict.Regression => "**regression**",
            Verdict.Improvement => "improvement",
            Verdict.Same => "same",
            Verdict.NotSignificant => "not significant",
            _ => "missing",
        };
        return r.Note is null ? verdict : $"{verdict} ({r.Note})";
    }

    private static string Label(BenchmarkResults r)
    {
        var sha = r.Metadata.Git.Sha is { } s ? $"`{s[..Math.Min(12, s.Length)]}`{(r.Metadata.Git.Dirty == true ? " (dirty)" : "")}" : "unknown commit";
        return $"{sha} ({r.Metadata.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)";
    }
}
