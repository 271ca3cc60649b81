using System.ComponentModel;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>"), Description("A results folder (holding results.json).")]
    public string Directory { get; init; } = "";
}

/// <summary><c>report DIR</c>: rebuild benchmark-results.md and the charts from results.json.</summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        BenchmarkResults results;
        try
        {
            results = ResultsJson.Read(settings.Directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
        var directory = System.IO.Directory.Exists(settings.Directory) ? settings.Directory : Path.GetDirectoryName(Path.GetFullPath(settings.Directory))!;
        var charts = ChartsAndReport(directory, results);
        Console.Out.WriteLine($"Report: {Path.Combine(directory, ResultsWriter.ReportFileName)} ({charts.Count} charts)");
        return ExitCodes.Ok;
    }

    public static IReadOnlyList<string> ChartsAndReport(string directory, BenchmarkResults results)
    {
        var charts = Reports.ChartRenderer.RenderAll(results, directory);
        ResultsWriter.WriteReport(directory, results, charts);
        return charts;
    }
}
