using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BenchApp.LoadDriver.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchApp.LoadDriver.Serving;

/// <summary>
/// Under the AppHost's dashboard the driver stays up after its run and serves the reports, so the dashboard's
/// "Latest report" link works: <c>/report</c> is the newest run's benchmark-results.md (with its charts),
/// <c>/results/{run}/{file}</c> any file of a run. Listens where Aspire says (ASPNETCORE_URLS).
/// </summary>
public static partial class ReportServer
{
    public static async Task ServeAsync(string resultsRoot, int lastExitCode, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDefaultHealthChecks();
        var app = builder.Build();
        app.MapDefaultEndpoints();

        app.MapGet("/", () => HttpResults.Redirect("/report"));
        app.MapGet("/report", () => LatestRun(resultsRoot) is { } run
            ? HttpResults.Content(RenderHtml(run, lastExitCode), "text/html; charset=utf-8")
            : HttpResults.Content($"No results under {WebUtility.HtmlEncode(resultsRoot)} yet.", "text/plain; charset=utf-8", statusCode: 404));
        app.MapGet("/results/{run}/{file}", (string run, string file) =>
            ResolveFile(resultsRoot, run, file) is { } path ? HttpResults.File(path, ContentTypeOf(path)) : HttpResults.NotFound());

        Console.Out.WriteLine($"Serving reports from {resultsRoot} until stopped (the dashboard links to /report).");
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest run folder that holds a results.json.</summary>
    public static string? LatestRun(string resultsRoot) =>
        Directory.Exists(resultsRoot)
            ? Directory.GetDirectories(resultsRoot)
                .Where(d => File.Exists(Path.Combine(d, ResultsWriter.ResultsFileName)))
                .OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    /// <summary>A file of a run, or null when the names are not plain names or the file is absent (no path traversal).</summary>
    public static string? ResolveFile(string resultsRoot, string run, string file)
    {
        if (!SafeName().IsMatch(run) || !SafeName().IsMatch(file)) return null;
        var path = Path.Combine(resultsRoot, run, file);
        return File.Exists(path) ? path : null;
    }

    public static string RenderHtml(string runDirectory, int lastExitCode)
    {
        var run = Path.GetFileName(runDirectory);
        var reportPath = Path.Combine(runDirectory, ResultsWriter.ReportFileName);
        var report = File.Exists(reportPath) ? File.ReadAllText(reportPath) : "(the report is still being written)";
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>BenchApp ").Append(WebUtility.HtmlEncode(run)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}pre{font-size:13px;line-height:1.35}img{max-width:100%;margin:1em 0}</style></head><body>")
            .Append("<h1>BenchApp results ").Append(WebUtility.HtmlEncode(run)).Append("</h1>")
            .Append("<p>Driver exit code of the last run: ").Append(lastExitCode).Append(". Files: ");
        foreach (var file in Directory.GetFiles(runDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            html.Append("<a href=\"/results/").Append(Uri.EscapeDataString(run)).Append('/').Append(Uri.EscapeDataString(file!)).Append("\">")
                .Append(WebUtility.HtmlEncode(file)).Append("</a> ");
        html.Append("</p><pre>").Append(WebUtility.HtmlEncode(report)).Append("</pre>");
        foreach (var chart in Directory.GetFiles(runDirectory).Where(f => f.EndsWith(".svg", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            html.Append("<img alt=\"").Append(WebUtility.HtmlEncode(Path.GetFileName(chart))).Append("\" src=\"/results/")
                .Append(Uri.EscapeDataString(run)).Append('/').Append(Uri.EscapeDataString(Path.GetFileName(chart))).Append("\">");
        return html.Append("</body></html>").ToString();
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".md" => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}\z")]
    private static partial Regex SafeName();
}
