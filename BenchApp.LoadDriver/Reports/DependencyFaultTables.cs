using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using static BenchApp.LoadDriver.Reports.ReportFormat;

namespace BenchApp.LoadDriver.Reports;

/// <summary>The dependency-fault and soak tables of benchmark-results.md.</summary>
public static class DependencyFaultTables
{
    public static void Write(StringBuilder sb, BenchmarkResults r)
    {
        DependencyFault(sb, r);
        Soak(sb, r);
    }

    private static void DependencyFault(StringBuilder sb, BenchmarkResults r)
    {
        if (r.DependencyFault.Count == 0) return;
        var pause = r.DependencyFault.Select(d => d.PauseMs).FirstOrDefault() / 1000;
        sb.AppendLine($"## Dependency fault (Redis frozen for {pause.ToString("0.#", CultureInfo.InvariantCulture)} s)").AppendLine();
        sb.AppendLine("The driver freezes Redis with `CLIENT PAUSE <ms> ALL` (connections stay open, nothing is answered) while a few workers " +
                      "keep sending one-call turns on carried-on sessions. The contract asks for a bounded 503 `dependency-unavailable` naming " +
                      "the dependency (state store default 2 s per call), never a 500 or a hang. Other errors: anything during or after the pause " +
                      "that was not 503. Recovery: from the end of the pause to the first correct reply to a turn sent after it. " +
                      "An executor whose state is not in Redis (Temporal) shows that the pause does not reach it.").AppendLine();
        var table = new MarkdownTable("Executor", "State store", ">Turns during", "Answers during the pause", ">503 naming redis", ">Longest answer (ms)", ">Other errors", ">Recovery (ms)", "Note");
        foreach (var d in r.DependencyFault)
        {
            if (d.Status != DependencyFaultScenario.Measured)
            {
                table.Row(d.Executor, d.StateStore ?? None, None, None, None, None, None, None, $"{d.Status.Replace('_', ' ')}: {d.Reason}");
                continue;
            }
            var note = string.Join("; ", new[] { d.Note }.Concat(d.OtherErrorExamples.Take(2)).Where(n => !string.IsNullOrEmpty(n)));
            table.Row(d.Executor, d.StateStore ?? None, N(d.DuringRequests),
                string.Join(", ", d.DuringByOutcome.Select(kv => $"{kv.Key}: {kv.Value}")),
                N(d.DependencyNamed), d.LongestAnswerMs is { } l ? $"{Ms(l)} ({d.LongestAnswerOutcome})" : None,
                N(d.OtherErrors), d.Recovered || d.RecoveryMs is not null ? Ms(d.RecoveryMs) : "not recovered", note);
        }
        table.WriteTo(sb);
    }

    private static void Soak(StringBuilder sb, BenchmarkResults r)
    {
        if (r.Soak.Count == 0) return;
        sb.AppendLine("## Soak (long open loop at a share of the measured peak)").AppendLine();
        sb.AppendLine("Turns start at a fixed rate (a share of the highest throughput this run measured for the executor, else the configured rate) " +
                      "for the whole duration; latency counts from the intended start. RSS slope: least squares over the sampler's readings of the " +
                      "process tree, in MiB per hour: a leak shows as a steady positive number. p99 drift: last minute minus first minute.").AppendLine();
        var table = new MarkdownTable("Executor", "Scenario", ">Duration (s)", ">Rate (/s)", "Rate from", ">Turns", ">Errors", ">Dropped starts",
            ">p99 first min (ms)", ">p99 last min (ms)", ">p99 drift (ms)", ">RSS start (MiB)", ">RSS end (MiB)", ">RSS slope (MiB/h)", "Note");
        foreach (var s in r.Soak)
            table.Row(s.Executor, s.Scenario, Number(s.DurationSeconds, "0"), Number(s.RateRps, "0.##"),
                s.PeakRps is { } p ? $"{s.PeakShare.ToString("0.##", CultureInfo.InvariantCulture)} x {s.RateSource} peak {p.ToString("0.#", CultureInfo.InvariantCulture)}/s" : s.RateSource,
                N(s.Requests), N(s.Errors.Total), N(s.DroppedStarts), Ms(s.FirstMinuteP99Ms), Ms(s.LastMinuteP99Ms), Ms(s.P99DriftMs),
                MiB(s.Resources?.RssStartKb), MiB(s.Resources?.RssEndKb), Number(s.RssSlopeMibPerHour, "0.##"), s.Note ?? "");
        table.WriteTo(sb);
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
