using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.ColdStart;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using BenchApp.LoadDriver.Suite;
using static BenchApp.LoadDriver.Reports.ReportFormat;

namespace BenchApp.LoadDriver.Reports;

/// <summary>
/// The report's sections for what users ask about: the Debug-build warning, cold start, CPU per run and memory per
/// session, the seed's table end to end at a realistic LLM latency, and the state each executor stores per turn.
/// </summary>
public static class UserQuestionTables
{
    /// <summary>First lines of the report when anything .NET was measured in Debug.</summary>
    public static void BuildWarning(StringBuilder sb, BenchmarkResults r)
    {
        if (BuildCheck.Warning(r) is not { } warning) return;
        sb.AppendLine($"> **{warning}**").AppendLine();
    }

    public static string Builds(BenchmarkResults r) => r.Builds is not { } b ? "not recorded"
        : $"driver {b.Driver}, mock LLM {b.Mock ?? $"unknown ({b.MockNote})"}";

    public static void ColdStart(StringBuilder sb, BenchmarkResults r)
    {
        if (r.ColdStart.Count == 0) return;
        sb.AppendLine("## Cold start").AppendLine();
        sb.AppendLine("The driver starts its own copy of each executor (the crash-recovery launch command) several times and times, from its process " +
                      "start call, the first `/health` 200 and the first correct simple-chat reply, reading the process tree's RSS at that reply. " +
                      "For Python the framework's import is inside the first interval. Median (max) over the starts.").AppendLine();
        var table = new MarkdownTable("Executor", ">Starts", ">Start → healthy (ms)", ">Start → first reply (ms)", ">RSS at first reply (MiB)", "Build", "Note");
        foreach (var c in r.ColdStart)
        {
            if (c.Status != ColdStartProbe.Measured && c.Runs.Count == 0)
            {
                table.Row(c.Executor, None, None, None, None, c.Build ?? None, $"{c.Status.Replace('_', ' ')}: {c.Reason}");
                continue;
            }
            table.Row(c.Executor, $"{c.Runs.Count}/{c.Starts}",
                $"{Ms(c.HealthMsMedian)} ({Ms(c.HealthMsMax)})", $"{Ms(c.FirstReplyMsMedian)} ({Ms(c.FirstReplyMsMax)})",
                $"{MiB(c.RssKbMedian)} ({MiB(c.RssKbMax)})", c.Build ?? "n/a (not .NET)", c.Reason ?? "");
        }
        table.WriteTo(sb);
    }

    /// <summary>CPU time per run and peak memory per concurrent session: figures that compare across core counts.</summary>
    public static void EfficiencySummary(StringBuilder sb, BenchmarkResults r)
    {
        var executors = r.Scenarios.Select(s => s.Executor).Distinct().ToList();
        if (executors.Count == 0 || r.Scenarios.All(s => s.Efficiency is null)) return;
        sb.AppendLine("Efficiency: CPU milliseconds per run (the executor's process-tree CPU time over the scenario ÷ runs sent), and peak RSS " +
                      "per concurrent session (÷ workers), which do not depend on how many cores the machine has.").AppendLine();
        var table = new MarkdownTable(["Scenario", .. executors.Select(e => $">{e} CPU (ms/run)"), .. executors.Select(e => $">{e} RSS / session (MiB)")]);
        foreach (var name in r.Scenarios.Select(s => s.Scenario).Distinct())
        {
            var rows = executors.Select(e => r.Scenarios.FirstOrDefault(s => s.Executor == e && s.Scenario == name)).ToList();
            table.Row([name, .. rows.Select(s => CpuPerRun(s?.Efficiency)), .. rows.Select(s => MiB(s?.Efficiency?.RssPeakKbPerSession))]);
        }
        table.WriteTo(sb);
    }

    public static string CpuPerRun(Efficiency? e) => e?.CpuMsPerRun is { } ms ? ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : None;

    /// <summary>The seed's table at a realistic LLM latency: what a user sees end to end.</summary>
    public static void EndToEnd(StringBuilder sb, BenchmarkResults r)
    {
        if (r.EndToEnd.Count == 0) return;
        var first = r.EndToEnd[0];
        var model = first.LatencyModel;
        var latency = model is null ? first.LatencyProfile : $"{first.LatencyProfile}: first token {Number(model.TtftMs)} ms + {Number(model.PerTokenMs)} ms/token" +
            (model.Jitter.Distribution == "none" ? "" : $", {model.Jitter.Distribution} jitter");
        sb.AppendLine($"## End to end (mock LLM latency {latency})").AppendLine();
        sb.AppendLine("The seed's five scenarios again, with the mock answering like a hosted model. Read them with the zero-latency tables above: " +
                      "these say what a user waits for end to end, where the LLM dominates; those say what the executor itself adds, " +
                      "which is the part that differs between executors (overhead here = latency − the mock's wait − tool delays).").AppendLine();
        var table = new MarkdownTable("Scenario", "Executor", ">p50 (ms)", ">p99 (ms)", ">Memory peak (MiB)", ">CPU avg (%)", ">CPU (ms/run)", ">Overhead p50 (ms)", ">Errors");
        foreach (var s in r.EndToEnd.Where(s => s.Scenario is not ScenarioCatalog.MultiTurn and not ScenarioCatalog.AgentLoop and not ScenarioCatalog.Concurrent))
            table.Row(s.Scenario, s.Executor, Ms(s.LatencyMs?.P50), Ms(s.LatencyMs?.P99), MiB(s.Resources?.RssPeakKb), Number(s.Resources?.CpuAvgPercent),
                CpuPerRun(s.Efficiency), Ms(s.OverheadMs?.P50), Errors(s));
        table.WriteTo(sb);

        var conversations = r.EndToEnd.Where(s => s.Scenario is ScenarioCatalog.MultiTurn or ScenarioCatalog.AgentLoop).ToList();
        if (conversations.Count > 0)
        {
            sb.AppendLine("Multi-turn (a whole conversation) and agent-loop (a whole loop): total time per iteration and peak memory.").AppendLine();
            var t = new MarkdownTable("Scenario", "Executor", ">Total time p50 (ms)", ">Total time p99 (ms)", ">Peak memory (MiB)", ">CPU (ms/run)", ">Errors");
            foreach (var s in conversations)
            {
                var total = s.Turns > 1 && s.PerTurnP50Ms is { Count: > 0 } turns ? turns.Sum() : s.LatencyMs?.P50;
                var totalP99 = s.Turns > 1 ? s.LatencyMs?.P99 * s.Turns : s.LatencyMs?.P99;
                t.Row(s.Scenario, s.Executor, Ms(total), Ms(totalP99), MiB(s.Resources?.RssPeakKb), CpuPerRun(s.Efficiency), Errors(s));
            }
            t.WriteTo(sb);
            if (conversations.Any(s => s.Turns > 1))
                sb.AppendLine("Multi-turn's total is the sum of its turns' p50s; its p99 is the turn p99 times the turns (an upper bound).").AppendLine();
        }

        var concurrent = r.EndToEnd.Where(s => s.Scenario == ScenarioCatalog.Concurrent).ToList();
        if (concurrent.Count > 0)
        {
            sb.AppendLine($"{concurrent[0].Load.Concurrency} concurrent sessions: throughput, p50 and error rate.").AppendLine();
            var t = new MarkdownTable("Executor", ">Throughput (req/s)", ">p50 (ms)", ">Error rate", ">Peak RSS / session (MiB)", ">CPU (ms/run)");
            foreach (var s in concurrent)
                t.Row(s.Executor, Number(s.ThroughputRps, "0.0"), Ms(s.LatencyMs?.P50), Percent(s.ErrorRate, "0.##"), MiB(s.Efficiency?.RssPeakKbPerSession), CpuPerRun(s.Efficiency));
            t.WriteTo(sb);
        }
    }

    /// <summary>state_bytes over the growth probe's turns: the fitted growth and the turn the store's limit would be hit.</summary>
    public static void StateGrowth(StringBuilder sb, BenchmarkResults r)
    {
        var rows = r.Growth.Where(g => g.State is not null).ToList();
        if (rows.Count == 0) return;
        sb.AppendLine("State stored per session (`state_bytes` of each reply over the same turns). The session's stored size is fitted as " +
                      "bytes = a · turn^k by least squares on log-log: k ≈ 1 means the history grows linearly, k ≈ 2 that every turn re-stores " +
                      "everything so far (as a checkpointer that keeps every step does). The limit turn is where that fit reaches the store's hard limit.").AppendLine();
        var table = new MarkdownTable("Executor", ">Turns", ">Turn 1 wrote (B)", ">Last turn wrote (B)", ">Session after last (KiB)", ">Slope (B/turn)", ">Exponent k", "Store limit", ">Limit at turn", "Note");
        foreach (var g in rows)
        {
            var s = g.State!;
            var limit = s.EventsLimitTurn is { } ev && (s.LimitTurn is null || ev < s.LimitTurn) ? $"{s.LimitTurn?.ToString("N0", CultureInfo.InvariantCulture) ?? None} (51,200 events: {ev.ToString("N0", CultureInfo.InvariantCulture)})"
                : s.LimitTurn?.ToString("N0", CultureInfo.InvariantCulture) ?? None;
            table.Row(g.Executor, s.TurnsReported.ToString(CultureInfo.InvariantCulture), Count(s.FirstTurnBytes), Count(s.LastTurnBytes),
                s.SessionBytesEnd is { } end ? (end / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : None,
                Number(s.SessionBytesPerTurn, "0"), Number(s.SessionExponent, "0.00"), s.Limit ?? "none known", limit, s.Note ?? "");
        }
        table.WriteTo(sb);
    }

    private static string Count(long? n) => n is { } v and >= 0 ? v.ToString("N0", CultureInfo.InvariantCulture) : None;

    private static string Errors(ScenarioResult s) => s.Errors.Total == 0 ? "0" : $"{s.Errors.Total} ({Percent(s.ErrorRate, "0.##")})";
}
