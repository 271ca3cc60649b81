using System.ComponentModel;
using BenchApp.LoadDriver.Comparison;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

public sealed class CompareSettings : CommandSettings
{
    [CommandArgument(0, "<BASELINE>"), Description("Baseline results folder or results.json.")]
    public string Baseline { get; init; } = "";

    [CommandArgument(1, "<CURRENT>"), Description("Current results folder or results.json.")]
    public string Current { get; init; } = "";

    [CommandOption("--threshold <PERCENT>"), Description("Smallest median change that counts, in % (default from the config: 5).")]
    public double? Threshold { get; init; }

    [CommandOption("--noise-floor <MS>"), Description("Smallest median change that counts, in ms (default from the config: 0.5).")]
    public double? NoiseFloor { get; init; }

    [CommandOption("--alpha <P>"), Description("Significance level of the Mann-Whitney test (default from the config: 0.01).")]
    public double? Alpha { get; init; }

    [CommandOption("--config <FILE>"), Description("Config file whose compare: section gives the defaults.")]
    public string? Config { get; init; }

    [CommandOption("--markdown <FILE>"), Description("Also write the Markdown table (for a PR comment) to this file.")]
    public string? Markdown { get; init; }

    public override ValidationResult Validate() =>
        Threshold is < 0 ? ValidationResult.Error("--threshold: must be 0 or more.")
        : NoiseFloor is < 0 ? ValidationResult.Error("--noise-floor: must be 0 or more.")
        : Alpha is <= 0 or >= 1 ? ValidationResult.Error("--alpha: must be between 0 and 1.")
        : ValidationResult.Success();
}

/// <summary><c>compare BASELINE CURRENT</c>: per executor and scenario, did the median change for real? Exit 99 on a regression.</summary>
public sealed class CompareCommand : Command<CompareSettings>
{
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        CompareConfig compare;
        BenchmarkResults baseline, current;
        try
        {
            compare = ConfigFiles.Load(settings.Config).Config.Compare;
            baseline = ResultsJson.Read(settings.Baseline);
            current = ResultsJson.Read(settings.Current);
        }
        catch (Exception e) when (e is ConfigException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
        compare = compare with
        {
            ThresholdPercent = settings.Threshold ?? compare.ThresholdPercent,
            NoiseFloorMs = settings.NoiseFloor ?? compare.NoiseFloorMs,
            Alpha = settings.Alpha ?? compare.Alpha,
        };

        var rows = ResultsComparer.Compare(baseline, current, compare);
        var efficiency = EfficiencyComparer.Compare(baseline, current, compare);
        var markdown = ComparisonReport.Render(baseline, current, rows, compare) + EfficiencyComparer.Render(efficiency);
        Console.Out.WriteLine(markdown);
        if (settings.Markdown is { } path) AtomicFile.WriteAllText(path, markdown);
        return rows.Any(r => r.Verdict == Verdict.Regression) || efficiency.Any(r => r.Gated && r.Verdict == Verdict.Regression) ? ExitCodes.Regression : ExitCodes.Ok;
    }
}
