using System.ComponentModel;
using System.Globalization;
using System.Text;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Reports;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.SelfTest;
using BenchApp.LoadDriver.Suite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

public sealed class SelfTestSettings : CommandSettings
{
    [CommandOption("--url <URL>"), Description("The trivial endpoint to hit (default: the mock LLM's /alive).")]
    public string? Url { get; init; }

    [CommandOption("--mock-llm <URL>"), Description("Base address of the mock LLM (default: service discovery or the config).")]
    public string? MockLlm { get; init; }

    [CommandOption("--target-pid <PID>"), Description("Process serving the endpoint, to report its CPU too.")]
    public int? TargetPid { get; init; }

    [CommandOption("-d|--duration <SECONDS>"), Description("Length of each phase (default 5).")]
    public double Duration { get; init; } = 5;

    [CommandOption("--rates <LIST>"), Description("Open-loop target rates per second, comma-separated (default 500,1000,2000,4000,8000).")]
    public string Rates { get; init; } = "500,1000,2000,4000,8000";

    [CommandOption("--markdown <FILE>"), Description("Also write the table as Markdown to this file.")]
    public string? Markdown { get; init; }

    public override ValidationResult Validate()
    {
        if (Duration is <= 0 or > 600) return ValidationResult.Error("--duration: must be between 0 and 600 seconds.");
        foreach (var r in Rates.Split(',', StringSplitOptions.RemoveEmptyEntries))
            if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v <= 0)
                return ValidationResult.Error($"--rates: '{r}' is not a positive number.");
        return ValidationResult.Success();
    }
}

/// <summary><c>selftest</c>: the driver's own latency floor and maximum rate here, so results can be read against them.</summary>
public sealed class SelfTestCommand : AsyncCommand<SelfTestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SelfTestSettings settings, CancellationToken cancellationToken)
    {
        Uri target;
        try
        {
            if (settings.Url is { } url) target = new Uri(url);
            else
            {
                var config = ConfigFiles.Load(null).Config;
                var mock = ExecutorDiscovery.MockLlm(settings.MockLlm, config, ExecutorDiscovery.ProcessEnvironment());
                if (mock is null)
                {
                    Console.Error.WriteLine("selftest: no endpoint: pass --url URL or --mock-llm URL (the mock's /alive is used).");
                    return ExitCodes.Failed;
                }
                target = new Uri(mock, "alive");
            }
        }
        catch (Exception e) when (e is UriFormatException or Configuration.ConfigException)
        {
            Console.Error.WriteLine($"selftest: {e.Message}");
            return ExitCodes.Failed;
        }

        using var cancellation = new ConsoleCancellation(cancellationToken);
        var rates = settings.Rates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        Console.Out.WriteLine($"Self-test against {target}: {settings.Duration:0.#} s per phase.");
        var phases = await DriverSelfTest.RunAsync(target, TimeSpan.FromSeconds(settings.Duration), rates, settings.TargetPid,
            p => Console.Out.WriteLine($"  {p.Name}: {p.AchievedRate:0} req/s, p50 {p.Latency?.P50:0.###} ms, p99 {p.Latency?.P99:0.###} ms, driver CPU {p.DriverCpuPercent:0}%"),
            cancellation.Token).ConfigureAwait(false);

        var markdown = Render(target, phases);
        Console.Out.WriteLine();
        Console.Out.WriteLine(markdown);
        if (settings.Markdown is { } path) AtomicFile.WriteAllText(path, markdown);
        return phases.Count > 0 && phases.All(p => p.Errors == 0) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public static string Render(Uri target, IReadOnlyList<SelfTestPhase> phases)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Driver self-test against `{target}` ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}).").AppendLine();
        var table = new MarkdownTable("Phase", ">Target (req/s)", ">Achieved (req/s)", ">p50 (ms)", ">p99 (ms)", ">p99.9 (ms)", ">max (ms)",
            ">Corrected p99 (ms)", ">Dropped", ">Start lag p99 (ms)", ">Errors", ">Driver CPU (%)", ">Target CPU (%)");
        foreach (var p in phases)
            table.Row(p.Name, ReportFormat.Number(p.TargetRate, "0"), ReportFormat.Number(p.AchievedRate, "0"),
                ReportFormat.Number(p.Latency?.P50, "0.000"), ReportFormat.Number(p.Latency?.P99, "0.000"), ReportFormat.Number(p.Latency?.P999, "0.000"),
                ReportFormat.Number(p.Latency?.Max, "0.000"), ReportFormat.Number(p.Corrected?.P99, "0.000"),
                p.TargetRate is null ? ReportFormat.None : p.Dropped.ToString(CultureInfo.InvariantCulture),
                p.TargetRate is null ? ReportFormat.None : ReportFormat.Number(p.ScheduleLagP99Ms, "0.000"),
                p.Errors.ToString(CultureInfo.InvariantCulture), ReportFormat.Number(p.DriverCpuPercent, "0"), ReportFormat.Number(p.TargetCpuPercent, "0"));
        table.WriteTo(sb);
        return sb.ToString();
    }
}
