using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using static BenchApp.LoadDriver.Reports.ReportFormat;

namespace BenchApp.LoadDriver.Reports;

/// <summary>The error-recovery and crash-recovery tables of benchmark-results.md.</summary>
public static class RecoveryTables
{
    public static void Write(StringBuilder sb, BenchmarkResults r)
    {
        ErrorRecovery(sb, r);
        CrashRecovery(sb, r);
    }

    private static void ErrorRecovery(StringBuilder sb, BenchmarkResults r)
    {
        if (r.ErrorRecovery.Count == 0) return;
        sb.AppendLine("## Error recovery (the mock fails the next completions)").AppendLine();
        sb.AppendLine("Per fault kind the mock fails the next N completions; one worker sends the same one-call turn until " +
                      "that many correct replies in a row. Recovery: from sending the first turn to the reply that began the streak. " +
                      "Retries: LLM requests the mock received beyond one per turn.").AppendLine();
        var table = new MarkdownTable("Executor", "Fault", ">Turns", ">Client errors", ">Error rate", "Statuses", ">LLM requests", ">Retries", ">Recovery (ms)", "Note");
        foreach (var e in r.ErrorRecovery)
            table.Row(e.Executor, $"{e.FaultCount} x {e.FaultKind}", N(e.Requests), N(e.ClientErrors.Total), Percent(e.Requests == 0 ? null : e.ClientErrorRate),
                string.Join(", ", e.StatusCodes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")),
                e.LlmRequests is { } q ? N(q) : None, e.Retries is { } t ? N(t) : None,
                e.Recovered ? Ms(e.RecoveryMs) : "not recovered", e.Note ?? "");
        table.WriteTo(sb);
    }

    private static void CrashRecovery(StringBuilder sb, BenchmarkResults r)
    {
        if (r.CrashRecovery.Count == 0) return;
        sb.AppendLine("## Crash recovery (SIGKILL in the middle of an agent loop)").AppendLine();
        sb.AppendLine("The driver starts its own copy of the executor, kills it by the pid of /v1/info during a slow agent-loop turn, " +
                      "starts the same command again, then sends a next turn on the same session. Recovery: kill to that turn's correct reply. " +
                      "Repeated work, from the mock's ledger of the in-flight run by call index: LLM calls answered twice, and the tool calls those " +
                      "repeated replies issued again (tools re-run inside the executor without a new LLM call are not visible from outside).").AppendLine();
        var table = new MarkdownTable("Executor", "Durable", "Durability setting", ">Killed after (ms)", "In-flight turn", ">Restart healthy (ms)", "Session", ">Recovery (ms)",
            ">Repeated LLM calls", ">Re-issued tool calls", "Note");
        foreach (var c in r.CrashRecovery)
        {
            if (c.Status != CrashRecoveryScenario.Measured)
            {
                table.Row(c.Executor, Bool(c.Durable), c.Durability ?? None, None, None, None, None, None, None, None, $"{c.Status.Replace('_', ' ')}: {c.Reason}");
                continue;
            }
            var inFlight = $"{c.InFlightTurn?.Replace('_', ' ')} (client: {c.InFlightClientOutcome}; LLM calls {c.InFlightLlmCalls?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{c.InFlightExpectedLlmCalls})";
            table.Row(c.Executor, Bool(c.Durable), c.Durability ?? "not reported", Ms(c.KilledAfterMs), inFlight, c.Restarted ? Ms(c.RestartHealthyMs) : "not restarted",
                c.Session ?? None, c.Recovered ? Ms(c.RecoveryMs) : "not recovered",
                c.RepeatedLlmCalls is { } l ? N(l) : None, c.RepeatedToolCalls is { } t ? N(t) : None,
                c.Reason ?? (c.Session == CrashVerdict.Survived ? "" : c.SessionDetail) ?? "");
        }
        table.WriteTo(sb);
    }

    private static string Bool(bool? b) => b is { } v ? (v ? "yes" : "no") : None;
    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
