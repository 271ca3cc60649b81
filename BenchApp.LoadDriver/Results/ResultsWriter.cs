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

    /// <summary>Marks a folder as claimed by one run (it keeps the folder non-empty from its creation on).</summary>
    public const string ClaimFileName = ".benchapp-run";

    /// <summary>
    /// A new folder under <paramref name="root"/> named by the UTC start time, <c>-2</c>, <c>-3</c>, ... added when
    /// that name is taken. Created exclusively, even when two runs start in the same second: each run fills a private
    /// staging folder and renames it to the name, and a rename onto an existing (never empty) folder fails.
    /// </summary>
    public static string CreateRunDirectory(string root, DateTimeOffset startedAt)
    {
        Directory.CreateDirectory(root);
        var name = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var staging = Path.Combine(root, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, ClaimFileName), startedAt.ToString("O", CultureInfo.InvariantCulture) + "\n");
        try
        {
            for (var i = 1; ; i++)
            {
                var path = Path.Combine(root, i == 1 ? name : $"{name}-{i}");
                if (Directory.Exists(path) || File.Exists(path)) continue;
                try
                {
                    Directory.Move(staging, path);
                    return path;
                }
                catch (IOException) when (Directory.Exists(path) && i < 1000)
                {
                    // Another run took this name between the check and the rename.
                }
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
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
