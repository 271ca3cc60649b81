using BenchApp.LoadDriver.Reports;
using BenchApp.LoadDriver.Results;
using Spectre.Console;

namespace BenchApp.LoadDriver.Cli;

/// <summary>The end-of-run summary on the console: one row per executor and scenario.</summary>
public static class SummaryTable
{
    public static Table Build(BenchmarkResults results)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Executor", "Scenario", "p50 ms", "p99 ms", "overhead p50", "req/s", "errors", "CPU %", "CPU ms/run", "RSS MiB");
        foreach (var c in table.Columns.Skip(2)) c.RightAligned();
        foreach (var s in results.Scenarios)
        {
            var l = MarkdownReport.Primary(s);
            table.AddRow(Markup.Escape(s.Executor), Markup.Escape(s.Scenario), ReportFormat.Ms(l?.P50), ReportFormat.Ms(l?.P99),
                ReportFormat.Ms(s.OverheadMs?.P50), ReportFormat.Number(s.ThroughputRps, "0.0"),
                s.Errors.Total == 0 ? "0" : $"[red]{s.Errors.Total}[/]",
                ReportFormat.Number(s.Resources?.CpuAvgPercent), UserQuestionTables.CpuPerRun(s.Efficiency), ReportFormat.MiB(s.Resources?.RssAvgKb));
        }
        foreach (var e in results.Executors.Where(e => !e.Available))
            table.AddRow(Markup.Escape(e.Name), $"[yellow]unavailable[/]: {Markup.Escape(e.Reason ?? "")}", "", "", "", "", "", "", "", "");
        return table;
    }
}
