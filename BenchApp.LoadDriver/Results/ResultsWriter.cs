using System.Globalization;
using System.Text.Json;
using BenchApp.LoadDriver.Reports;

namespace BenchApp.LoadDriver.Results;

/// <summary>
/// Writes a run's folder: results.json, benchmark-results.md and the charts, each atomically.
/// Charts are drawn at the end (and by <c>report</c>); the JSON and the Markdown after every scenario.
/// </summary>
public static class ResultsWriter
{
    public const string ResultsFileName = "results.json";
    public const string ReportFileName = "benchmark-results.md";

    /// <summary>A new folder under <paramref name="root"/> named by the UTC start time (unique even when two runs start together).</summary>
    public static string CreateRunDirectory(string root, DateTimeOffset startedAt)
    {
        var name = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(root, name);
        for (var i = 2; Directory.Exists(path); i++) path = Path.Combine(root, $"{name}-{i}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void WriteResults(string directory, BenchmarkResults results) =>
        AtomicFile.WriteAllText(Path.Combine(directory, ResultsFileName), JsonSerializer.Serialize(results, ResultsJson.Options) + "\n");

    public static void WriteReport(string directory, BenchmarkResults results, IReadOnlyList<string> charts) =>
        AtomicFile.WriteAllText(Path.Combine(directory, ReportFileName), MarkdownReport.Render(results, charts));

    /// <summary>Everything: JSON, charts, then the Markdown that links the charts that were drawn.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, BenchmarkResults results)
    {
        WriteResults(directory, results);
        var charts = ChartRenderer.RenderAll(results, directory);
        WriteReport(directory, results, charts);
        return charts;
    }
}
