using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

/// <summary><c>run</c>: benchmark the executors and write results/&lt;timestamp&gt;/.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        BenchmarkConfig config;
        string? configPath;
        try
        {
            (config, configPath) = ConfigFiles.Load(settings.Config);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }

        using var cancellation = new ConsoleCancellation(cancellationToken);
        using var telemetry = await StartTelemetryAsync().ConfigureAwait(false);
        using var metrics = new DriverMetrics();
        var options = settings.ToOptions(configPath);
        var interactive = !settings.Plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

        BenchmarkSuite? suite = null;
        cancellation.BeforeForcedExit = () => suite?.MarkInterrupted();
        int code;
        try
        {
            if (interactive)
            {
                code = await AnsiConsole.Progress().AutoClear(false).HideCompleted(true)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(ctx =>
                    {
                        suite = new BenchmarkSuite(config, options, new SpectreProgress(ctx, AnsiConsole.Console), metrics);
                        return suite.RunAsync(cancellation.Token);
                    }).ConfigureAwait(false);
            }
            else
            {
                suite = new BenchmarkSuite(config, options, new PlainProgress(Console.Out), metrics);
                code = await suite.RunAsync(cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellation.InterruptExitCode is { } interrupted)
        {
            // Interrupted before the run had results (while probing the executors): nothing to keep.
            Console.Error.WriteLine("Interrupted before any scenario ran.");
            return interrupted;
        }
        if (cancellation.InterruptExitCode is { } signalled) code = signalled;

        if (suite?.Results is { } results)
        {
            if (interactive) AnsiConsole.Write(SummaryTable.Build(results));
            else Console.Out.WriteLine(MarkdownSummary(results));
        }
        if (suite?.ResultsDirectory is { } dir)
            Console.Out.WriteLine($"Results: {Path.Combine(dir, ResultsWriter.ResultsFileName)}{Environment.NewLine}Report:  {Path.Combine(dir, ResultsWriter.ReportFileName)}");
        if (settings.Serve && !cancellation.Token.IsCancellationRequested)
        {
            var root = options.OutputRoot ?? (suite?.ResultsDirectory is { } latest ? Path.GetDirectoryName(latest)! : Path.GetFullPath("results"));
            await Serving.ReportServer.ServeAsync(root, code, cancellation.Token).ConfigureAwait(false);
        }
        return code;
    }

    /// <summary>Exports the driver's metrics to the dashboard when the AppHost gave an OTLP endpoint.</summary>
    private static async Task<IHost?> StartTelemetryAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))) return null;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.ConfigureOpenTelemetry();
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return host;
    }

    private static string MarkdownSummary(BenchmarkResults results)
    {
        var table = new Reports.MarkdownTable("Executor", "Scenario", ">p50 (ms)", ">p99 (ms)", ">overhead p50 (ms)", ">req/s", ">errors", ">CPU %", ">RSS MiB");
        foreach (var s in results.Scenarios)
        {
            var l = Reports.MarkdownReport.Primary(s);
            table.Row(s.Executor, s.Scenario, Reports.ReportFormat.Ms(l?.P50), Reports.ReportFormat.Ms(l?.P99), Reports.ReportFormat.Ms(s.OverheadMs?.P50),
                Reports.ReportFormat.Number(s.ThroughputRps, "0.0"), s.Errors.Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Reports.ReportFormat.Number(s.Resources?.CpuAvgPercent), Reports.ReportFormat.MiB(s.Resources?.RssAvgKb));
        }
        var sb = new System.Text.StringBuilder();
        table.WriteTo(sb);
        foreach (var e in results.Executors.Where(e => !e.Available)) sb.AppendLine($"{e.Name}: unavailable ({e.Reason})");
        return sb.ToString();
    }
}
