using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Reports;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Comparison;

/// <summary>One figure of one executor (and scenario) across two runs, with whether a change counts and whether it gates.</summary>
public sealed record EfficiencyRow
{
    public required string Executor { get; init; }
    public required string Subject { get; init; }
    public required string Metric { get; init; }
    public double? Baseline { get; init; }
    public double? Current { get; init; }
    public double? Ratio { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>False: reported only (cold start by default); a regression here does not fail the comparison.</summary>
    public bool Gated { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// CPU per run is gated like latency: a change counts when it exceeds both <c>compare.threshold_percent</c> and an
/// absolute floor. It is one number per scenario, so there is no significance test; the floor is the larger of
/// <c>compare.cpu_noise_floor_ms</c> and two clock ticks spread over the runs (the /proc tick is 10 ms). Cold start
/// (median start to first reply) is reported, and gated only with <c>compare.gate_cold_start</c>.
/// </summary>
public static class EfficiencyComparer
{
    public static IReadOnlyList<EfficiencyRow> Compare(BenchmarkResults baseline, BenchmarkResults current, CompareConfig settings)
    {
        var rows = new List<EfficiencyRow>();
        var keys = baseline.Scenarios.Select(s => (s.Executor, s.Scenario)).Intersect(current.Scenarios.Select(s => (s.Executor, s.Scenario)));
        foreach (var (executor, scenario) in keys)
        {
            var b = baseline.Scenarios.First(s => s.Executor == executor && s.Scenario == scenario);
            var c = current.Scenarios.First(s => s.Executor == executor && s.Scenario == scenario);
            if (b.Efficiency?.CpuMsPerRun is not { } bc || c.Efficiency?.CpuMsPerRun is not { } cc) continue;
            var tickMs = 1000.0 / ProcFs.TicksPerSecond;
            var floor = Math.Max(settings.CpuNoiseFloorMs, 2 * tickMs / Math.Max(1, Math.Min(b.Requests, c.Requests)));
            rows.Add(Judge(executor, scenario, "CPU (ms/run)", bc, cc, floor, settings.ThresholdPercent, gated: true));
        }
        foreach (var b in baseline.ColdStart.Where(x => x.FirstReplyMsMedian is not null))
        {
            if (current.ColdStart.FirstOrDefault(x => x.Executor == b.Executor && x.FirstReplyMsMedian is not null) is not { } c) continue;
            rows.Add(Judge(b.Executor, "cold start", "start → first reply, median (ms)", b.FirstReplyMsMedian!.Value, c.FirstReplyMsMedian!.Value,
                settings.NoiseFloorMs, settings.ThresholdPercent, settings.GateColdStart));
        }
        return rows;
    }

    public static EfficiencyRow Judge(string executor, string subject, string metric, double baseline, double current, double floor, double thresholdPercent, bool gated)
    {
        var diff = current - baseline;
        var ratio = baseline > 0 ? current / baseline : (double?)null;
        var beyond = Math.Abs(diff) > floor && (ratio is not { } r || Math.Abs(r - 1) * 100 > thresholdPercent);
        return new EfficiencyRow
        {
            Executor = executor, Subject = subject, Metric = metric, Baseline = baseline, Current = current, Ratio = ratio, Gated = gated,
            Verdict = !beyond ? Verdict.Same : diff > 0 ? Verdict.Regression : Verdict.Improvement,
            Note = gated ? null : "reported, not gated",
        };
    }

    public static string Render(IReadOnlyList<EfficiencyRow> rows)
    {
        if (rows.Count == 0) return "";
        var sb = new StringBuilder();
        sb.AppendLine().AppendLine("#### CPU per run and cold start").AppendLine();
        var table = new MarkdownTable("Executor", "Scenario", "Metric", ">Baseline", ">Current", ">Change", "Verdict");
        foreach (var r in rows.OrderBy(r => r.Verdict).ThenBy(r => r.Executor, StringComparer.Ordinal).ThenBy(r => r.Subject, StringComparer.Ordinal))
            table.Row(r.Executor, r.Subject, r.Metric, ReportFormat.Number(r.Baseline, "0.###"), ReportFormat.Number(r.Current, "0.###"),
                r.Ratio is { } ratio ? (ratio - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : ReportFormat.None,
                (r.Verdict == Verdict.Regression && r.Gated ? "**regression**" : r.Verdict.ToString().ToLowerInvariant()) + (r.Note is null ? "" : $" ({r.Note})"));
        table.WriteTo(sb);
        var regressions = rows.Count(r => r.Gated && r.Verdict == Verdict.Regression);
        sb.AppendLine(regressions == 0 ? "**No CPU regression.**" : $"**{regressions} CPU regression{(regressions == 1 ? "" : "s")}.**");
        return sb.ToString();
    }
}
