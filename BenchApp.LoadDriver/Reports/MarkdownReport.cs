using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using static BenchApp.LoadDriver.Reports.ReportFormat;

namespace BenchApp.LoadDriver.Reports;

/// <summary>
/// benchmark-results.md, built from results.json alone (so <c>report DIR</c> rebuilds it exactly): the seed's
/// tables per scenario (executor, p50, p99, memory, CPU) with overhead columns, the concurrent table
/// (throughput, p50, error rate), the ratios against the fastest, the sweep, state share, growth and errors.
/// </summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkResults results, IReadOnlyList<string> charts)
    {
        var sb = new StringBuilder();
        Header(sb, results);
        Executors(sb, results);
        UserQuestionTables.ColdStart(sb, results);
        Summary(sb, results);
        UserQuestionTables.EfficiencySummary(sb, results);
        foreach (var name in ScenarioOrder(results))
            Scenario(sb, results, name, charts);
        Concurrent(sb, results);
        UserQuestionTables.EndToEnd(sb, results);
        Sweep(sb, results, charts);
        Growth(sb, results, charts);
        UserQuestionTables.StateGrowth(sb, results);
        RecoveryTables.Write(sb, results);
        DependencyFaultTables.Write(sb, results);
        Errors(sb, results);
        Thresholds(sb, results);
        ChartsSection(sb, charts);
        Method(sb);
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, BenchmarkResults r)
    {
        var m = r.Metadata;
        sb.AppendLine("# Benchmark results").AppendLine();
        UserQuestionTables.BuildWarning(sb, r);
        var git = m.Git.Sha is { } sha ? $"`{sha[..Math.Min(12, sha.Length)]}`{(m.Git.Dirty == true ? " (dirty)" : "")}" : $"unknown ({m.Git.Note})";
        sb.AppendLine($"- **Run:** {m.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, status **{r.Status}**{(m.Quick ? ", quick suite" : "")}, seed {m.Seed}");
        sb.AppendLine($"- **Code:** git {git}");
        sb.AppendLine($"- **Machine:** {m.Machine.CpuModel}, {m.Machine.Cores} cores, {m.Machine.MemoryMb / 1024.0:0.#} GiB, {m.Machine.Os}, kernel {m.Machine.Kernel} ({m.Machine.Architecture})");
        sb.AppendLine($"- **Driver:** {string.Join(", ", m.Runtimes.Select(kv => $"{kv.Key} {kv.Value}"))}");
        sb.AppendLine($"- **Builds:** {UserQuestionTables.Builds(r)}; executors in the table below");
        var mock = r.MockLlm.AdminAvailable
            ? $"mock at {r.MockLlm.Url} (admin API answered: overhead is measured per run)"
            : $"overhead unavailable: {r.MockLlm.Reason}";
        sb.AppendLine($"- **LLM:** {m.Config.Llm.Provider} API, model `{m.Config.Llm.Model}`; {mock}");
        sb.AppendLine($"- **Command:** `{m.CommandLine}`");
        if (r.Status == "interrupted")
            sb.AppendLine("- **Interrupted:** the run was stopped by a signal; only the scenarios below finished, the one in progress was dropped.");
        sb.AppendLine();
    }

    private static void Executors(StringBuilder sb, BenchmarkResults r)
    {
        sb.AppendLine("## Executors").AppendLine();
        var table = new MarkdownTable("Executor", "Status", "Language", "Framework", "Build", "Durable", "State store", ">Startup (ms)", ">Idle RSS (MiB)", ">Idle CPU (%)");
        foreach (var e in r.Executors)
        {
            var info = e.Info;
            table.Row(e.Name,
                e.Available ? "available" : $"unavailable: {e.Reason}",
                info is null ? None : $"{info.Language} {info.RuntimeVersion}",
                info is null ? None : info.FrameworkVersion is "-" or "" ? info.Framework : $"{info.Framework} {info.FrameworkVersion}",
                info is null ? None : info.Build ?? "n/a",
                info is null ? None : info.Durable ? "yes" : "no",
                info?.StateStore ?? None,
                Number(e.StartupMs, "0"),
                MiB(e.Idle?.RssAvgKb),
                Number(e.Idle?.CpuAvgPercent));
        }
        table.WriteTo(sb);
        foreach (var e in r.Executors.Where(e => e.Available))
        {
            if (e.SamplingNote is not null) sb.AppendLine($"- {e.Name}: CPU and memory not sampled: {e.SamplingNote}.");
            if (e.StartupMs is null && e.StartupNote is not null) sb.AppendLine($"- {e.Name}: start-up not measured: {e.StartupNote}.");
        }
        if (r.Executors.Any(e => e.Available && (e.SamplingNote is not null || (e.StartupMs is null && e.StartupNote is not null)))) sb.AppendLine();
    }

    private static void Summary(StringBuilder sb, BenchmarkResults r)
    {
        var executors = r.Scenarios.Select(s => s.Executor).Distinct().ToList();
        if (executors.Count == 0) return;
        sb.AppendLine("## Summary").AppendLine();
        sb.AppendLine("Median latency of each executor against the fastest one in each scenario (1.00x = the fastest; lower is better). Overhead ratios in brackets where measured.").AppendLine();
        var table = new MarkdownTable(["Scenario", .. executors.Select(e => ">" + e)]);
        var geo = executors.ToDictionary(e => e, _ => new List<double>());
        foreach (var name in ScenarioOrder(r))
        {
            var rows = r.Scenarios.Where(s => s.Scenario == name).ToList();
            var fastest = rows.Where(s => Primary(s) is not null).Select(s => Primary(s)!.P50).DefaultIfEmpty(0).Min();
            var fastestOverhead = rows.Where(s => s.OverheadMs is not null).Select(s => s.OverheadMs!.P50).DefaultIfEmpty(0).Min();
            var cells = new List<string> { name };
            foreach (var e in executors)
            {
                var s = rows.FirstOrDefault(x => x.Executor == e);
                if (s is null || Primary(s) is not { } l || fastest <= 0)
                {
                    cells.Add(None);
                    continue;
                }
                var ratio = l.P50 / fastest;
                geo[e].Add(ratio);
                var text = ratio <= 1.0000001 ? $"**{Ratio(ratio)}** ({Ms(l.P50)} ms)" : $"{Ratio(ratio)} ({Ms(l.P50)} ms)";
                if (s.OverheadMs is { } o && fastestOverhead > 0) text += $" [{Ratio(o.P50 / fastestOverhead)}]";
                cells.Add(text);
            }
            table.Row([.. cells]);
        }
        table.Row(["geometric mean", .. executors.Select(e => geo[e].Count == 0 ? None : Ratio(Math.Exp(geo[e].Average(Math.Log))))]);
        table.WriteTo(sb);
    }

    private static void Scenario(StringBuilder sb, BenchmarkResults r, string name, IReadOnlyList<string> charts)
    {
        var rows = r.Scenarios.Where(s => s.Scenario == name).ToList();
        var first = rows[0];
        sb.AppendLine($"## {name}").AppendLine();
        sb.AppendLine($"{Capitalize(first.Description ?? name)}. Directive `{first.Directive}`; {LoadText(first)}; mock latency: {first.LatencyProfile ?? None}{LatencyText(first)}.");
        sb.AppendLine($"Every reply must report llm_calls = iterations = {first.Expected.LlmCalls} and tool_calls = {first.Expected.ToolCalls}.").AppendLine();

        var open = first.Load.Model == LoadModel.Open;
        var table = new MarkdownTable(
            "Executor", ">p50 (ms)", ">p99 (ms)", ">Memory avg / peak (MiB)", ">CPU avg / peak (%)", ">CPU (ms/run)", ">Peak RSS / session (MiB)",
            ">p90 (ms)", ">p99.9 (ms)", ">max (ms)", ">mean (ms)", ">Overhead p50 (ms)", ">Overhead p99 (ms)",
            ">Throughput (req/s)", ">Errors");
        foreach (var s in rows)
        {
            var l = Primary(s);
            table.Row(s.Executor, Ms(l?.P50), Ms(l?.P99),
                s.Resources is { } m ? $"{MiB(m.RssAvgKb)} / {MiB(m.RssPeakKb)}{(m.PeakSource == "sampled" ? "*" : "")}" : None,
                s.Resources is { } c ? $"{Number(c.CpuAvgPercent)} / {Number(c.CpuPeakPercent)}" : None,
                UserQuestionTables.CpuPerRun(s.Efficiency), MiB(s.Efficiency?.RssPeakKbPerSession),
                Ms(l?.P90), Ms(l?.P999), Ms(l?.Max), Ms(l?.Mean),
                Ms(s.OverheadMs?.P50), Ms(s.OverheadMs?.P99),
                Number(s.ThroughputRps, "0.0"),
                s.Errors.Total == 0 ? "0" : $"{s.Errors.Total} ({Percent(s.ErrorRate, "0.##")})");
        }
        table.WriteTo(sb);

        if (open)
        {
            sb.AppendLine("Open loop: latency above is from each iteration's *intended* start (corrected for coordinated omission); uncorrected is from the actual send.").AppendLine();
            var t = new MarkdownTable("Executor", ">Uncorrected p50 (ms)", ">Uncorrected p99 (ms)", ">Corrected p99 (ms)", ">Dropped starts", ">Driver start lag p99 (ms)");
            foreach (var s in rows)
                t.Row(s.Executor, Ms(s.LatencyMs?.P50), Ms(s.LatencyMs?.P99), Ms(s.LatencyCorrectedMs?.P99), Number(s.DroppedStarts, "0"), Ms(s.ScheduleLagP99Ms));
            t.WriteTo(sb);
        }

        if (rows.Any(s => s.Turns > 1))
            StateTable(sb, rows);

        var notes = rows.SelectMany(s => new[]
        {
            s.OverheadNote is { } o ? $"{s.Executor}: overhead: {o}." : null,
            s.ResourcesNote is { } n ? $"{s.Executor}: resources: {n}." : null,
            s.LatencyModelNote is { } lm ? $"{s.Executor}: {lm}." : null,
        }).Where(n => n is not null).Distinct().ToList();
        if (rows.Any(s => s.Resources?.PeakSource == "sampled")) notes.Add("\\* peak is the largest sampled RSS (the kernel's high-water mark could not be reset).");
        foreach (var n in notes) sb.AppendLine($"- {n}");
        if (notes.Count > 0) sb.AppendLine();

        if (charts.Contains(ChartRenderer.LatencyChartName(name))) sb.AppendLine($"![Latency distribution, {name}]({ChartRenderer.LatencyChartName(name)})").AppendLine();
    }

    private static void StateTable(StringBuilder sb, List<ScenarioResult> rows)
    {
        var turns = rows.Max(s => s.Turns);
        var headers = new List<string> { "Executor", ">State share", ">State (ms/run)", ">Executor total (ms/run)", ">LLM wait (ms/run)", ">Tools (ms/run)" };
        if (turns > 1) headers.AddRange(Enumerable.Range(1, turns).Take(10).Select(t => $">Turn {t} p50 (ms)"));
        var table = new MarkdownTable([.. headers]);
        foreach (var s in rows)
        {
            var cells = new List<string>
            {
                s.Executor, Percent(s.State?.Share), Ms(s.State?.StateMsMean), Ms(s.ServerMs?.TotalMs), Ms(s.ServerMs?.LlmMs), Ms(s.ServerMs?.ToolMs),
            };
            if (turns > 1) cells.AddRange(Enumerable.Range(0, Math.Min(turns, 10)).Select(t => s.PerTurnP50Ms is { } p && t < p.Count ? Ms(p[t]) : None));
            table.Row([.. cells]);
        }
        sb.AppendLine("State management: the executors' own account of each run (timings_ms), and the share of it spent loading and persisting history.").AppendLine();
        table.WriteTo(sb);
    }

    private static void Concurrent(StringBuilder sb, BenchmarkResults r)
    {
        var rows = r.Scenarios.Where(s => s.Scenario == ScenarioCatalog.Concurrent).ToList();
        if (rows.Count == 0) return;
        sb.AppendLine($"## Concurrency ({rows[0].Load.Concurrency} concurrent sessions)").AppendLine();
        var table = new MarkdownTable("Executor", ">Throughput (req/s)", ">p50 (ms)", ">p99 (ms)", ">Error rate", ">Overhead p50 (ms)", ">Memory peak (MiB)", ">CPU avg (%)", ">CPU (ms/run)", ">Peak RSS / session (MiB)");
        foreach (var s in rows)
            table.Row(s.Executor, Number(s.ThroughputRps, "0.0"), Ms(Primary(s)?.P50), Ms(Primary(s)?.P99), Percent(s.ErrorRate, "0.##"),
                Ms(s.OverheadMs?.P50), MiB(s.Resources?.RssPeakKb), Number(s.Resources?.CpuAvgPercent),
                UserQuestionTables.CpuPerRun(s.Efficiency), MiB(s.Efficiency?.RssPeakKbPerSession));
        table.WriteTo(sb);
    }

    private static void Sweep(StringBuilder sb, BenchmarkResults r, IReadOnlyList<string> charts)
    {
        if (r.Sweep.Count == 0) return;
        sb.AppendLine($"## Scalability ({r.Sweep[0].Scenario}, closed loop, concurrency sweep)").AppendLine();
        var levels = r.Sweep.Select(p => p.Concurrency).Distinct().Order().ToList();
        var table = new MarkdownTable(["Executor", "Metric", .. levels.Select(l => $">{l}")]);
        var notes = new List<string>();
        foreach (var (name, workers) in r.Sweep.Select(p => (p.Executor, p.Workers)).Distinct())
        {
            var series = r.Sweep.Where(p => p.Executor == name && p.Workers == workers).ToList();
            var executor = workers is { } w ? $"{name} ({w} worker{(w == 1 ? "" : "s")})" : name;
            notes.AddRange(series.Where(p => p.Note is not null).Select(p => $"{executor}: {p.Note}."));
            if (series.All(p => p.Requests == 0)) continue;
            var points = levels.Select(l => series.FirstOrDefault(p => p.Concurrency == l)).ToList();
            table.Row([executor, "p50 (ms)", .. points.Select(p => Ms(p?.LatencyMs?.P50))]);
            table.Row([executor, "p99 (ms)", .. points.Select(p => Ms(p?.LatencyMs?.P99))]);
            table.Row([executor, "throughput (req/s)", .. points.Select(p => Number(p?.ThroughputRps, "0.0"))]);
            table.Row([executor, "error rate", .. points.Select(p => p is null ? None : Percent(p.ErrorRate, "0.##"))]);
            table.Row([executor, "CPU avg (%)", .. points.Select(p => Number(p?.CpuAvgPercent))]);
            table.Row([executor, "CPU (ms/run)", .. points.Select(p => UserQuestionTables.CpuPerRun(p?.Efficiency))]);
        }
        table.WriteTo(sb);
        if (r.Sweep.Any(p => p.Workers is not null && p.Requests > 0))
            sb.AppendLine("An executor with a worker count ran as its users deploy it: the AppHost's process as configured, and the driver's own copy " +
                          "started with one worker per core (`WORKERS`), both shown; without a count it is one server process.").AppendLine();
        foreach (var n in notes) sb.AppendLine($"- {n}");
        if (notes.Count > 0) sb.AppendLine();
        foreach (var chart in new[] { ChartRenderer.SweepLatencyChart, ChartRenderer.SweepThroughputChart }.Where(charts.Contains))
            sb.AppendLine($"![{chart}]({chart})");
        if (charts.Contains(ChartRenderer.SweepLatencyChart) || charts.Contains(ChartRenderer.SweepThroughputChart)) sb.AppendLine();
    }

    private static void Growth(StringBuilder sb, BenchmarkResults r, IReadOnlyList<string> charts)
    {
        if (r.Growth.Count == 0) return;
        sb.AppendLine("## Memory growth across turns (one session)").AppendLine();
        var table = new MarkdownTable("Executor", ">Turns", ">RSS start (MiB)", ">RSS end (MiB)", ">Growth (KiB/turn)", ">p50 first turns (ms)", ">p50 last turns (ms)", "Note");
        foreach (var g in r.Growth)
            table.Row(g.Executor, g.Turns.ToString(CultureInfo.InvariantCulture), MiB(g.RssStartKb), MiB(g.RssEndKb), Number(g.RssKbPerTurn, "0.0"),
                Ms(g.FirstTurnsP50Ms), Ms(g.LastTurnsP50Ms), g.Note ?? "");
        table.WriteTo(sb);
        if (charts.Contains(ChartRenderer.GrowthChart)) sb.AppendLine($"![Memory growth]({ChartRenderer.GrowthChart})").AppendLine();
    }

    private static void Errors(StringBuilder sb, BenchmarkResults r)
    {
        var failing = r.Scenarios.Where(s => s.Errors.Total > 0).ToList();
        if (failing.Count == 0) return;
        sb.AppendLine("## Errors").AppendLine();
        var table = new MarkdownTable("Executor", "Scenario", ">connect", ">timeout", ">status", ">protocol", ">wrong answer", "Examples");
        foreach (var s in failing)
            table.Row(s.Executor, s.Scenario, N(s.Errors.Connect), N(s.Errors.Timeout), N(s.Errors.Status), N(s.Errors.Protocol), N(s.Errors.WrongAnswer),
                string.Join("; ", s.ErrorExamples.Take(2)));
        table.WriteTo(sb);
    }

    private static void Thresholds(StringBuilder sb, BenchmarkResults r)
    {
        if (r.Thresholds.Count == 0) return;
        sb.AppendLine("## Thresholds").AppendLine();
        var table = new MarkdownTable("Rule", "Executor", "Scenario", ">Actual", "Result");
        foreach (var t in r.Thresholds)
            table.Row(t.Rule, t.Executor, t.Scenario, Number(t.Actual, "0.###"), t.Passed ? "pass" : "**FAIL**");
        table.WriteTo(sb);
    }

    private static void ChartsSection(StringBuilder sb, IReadOnlyList<string> charts)
    {
        var resourceCharts = new[] { ChartRenderer.CpuChart, ChartRenderer.MemoryChart }.Where(charts.Contains).ToList();
        if (resourceCharts.Count == 0) return;
        sb.AppendLine("## CPU and memory per executor").AppendLine();
        foreach (var c in resourceCharts) sb.AppendLine($"![{c}]({c})");
        sb.AppendLine();
    }

    private static void Method(StringBuilder sb)
    {
        sb.AppendLine("## How to read this").AppendLine();
        sb.AppendLine("- Latency is measured at the client (HdrHistogram, µs resolution) for good replies only; warm-up is never counted.");
        sb.AppendLine("- Overhead = latency − the mock LLM's reported wait for that run − the tools' requested delays: what the executor (and HTTP) cost.");
        sb.AppendLine("- CPU is % of one core for the executor process and its children, from /proc; memory is resident set size, peak from VmHWM reset per scenario.");
        sb.AppendLine("- CPU (ms/run) is that tree's CPU time over the scenario ÷ runs sent; RSS / session is the peak ÷ concurrent sessions: both compare across core counts.");
        sb.AppendLine("- A reply that does not do what its directive asked is a *wrong answer* error, never a latency. See docs/methodology.md.");
    }

    /// <summary>The latency that counts: from the intended start in an open loop, else from the send.</summary>
    public static Measurement.LatencyStats? Primary(ScenarioResult s) => s.LatencyCorrectedMs ?? s.LatencyMs;

    private static IEnumerable<string> ScenarioOrder(BenchmarkResults r) =>
        r.Scenarios.Select(s => s.Scenario).Distinct()
            .OrderBy(n => ScenarioCatalog.Names.ToList() is var names && names.IndexOf(n) is var i and >= 0 ? i : int.MaxValue);

    private static string LoadText(ScenarioResult s) => s.Load.Model == LoadModel.Open
        ? $"open loop at {Number(s.Load.Rate, "0.##")} iterations/s (at most {s.Load.MaxInFlight} in flight), {Amount(s)}"
        : $"closed loop, {s.Load.Concurrency} {(s.Load.Concurrency == 1 ? "worker" : "workers")}, {Amount(s)}";

    private static string Amount(ScenarioResult s) =>
        (s.Load.DurationSeconds is { } d ? $"{Number(d)} s" : $"{s.Load.Iterations} iterations") + $" after {s.Load.Warmup} warm-up";

    private static string LatencyText(ScenarioResult s) => s.LatencyModel is not { } m ? ""
        : m.TtftMs == 0 && m.PerTokenMs == 0 ? " (instant replies: everything measured is executor overhead)"
        : $" (first token {Number(m.TtftMs)} ms + {Number(m.PerTokenMs)} ms/token{(m.Jitter.Distribution == "none" ? "" : $", {m.Jitter.Distribution} jitter")})";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
