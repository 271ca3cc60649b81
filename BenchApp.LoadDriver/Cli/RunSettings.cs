using System.ComponentModel;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Suite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

/// <summary>Flags of <c>run</c>; the seed's run-benchmarks.sh options (--scenario, --all, --iterations, --quick) among them.</summary>
public sealed class RunSettings : CommandSettings
{
    [CommandOption("-s|--scenario <NAME>"), Description("Scenario to run (repeatable or comma-separated): simple-chat, tool-execution, multi-turn, agent-loop, concurrent, error-recovery, crash-recovery, dependency-fault, soak. Default: all (the recovery scenarios and the soak not with --quick).")]
    public string[] Scenarios { get; init; } = [];

    [CommandOption("--all"), Description("Run every scenario of the config, the concurrency sweep and the memory-growth probe (the default).")]
    public bool All { get; init; }

    [CommandOption("-e|--executor <NAME=URL>"), Description("An executor to benchmark (repeatable); replaces discovery and the config's list.")]
    public string[] Executors { get; init; } = [];

    [CommandOption("--executors <NAMES>"), Description("Only these of the discovered executors (comma-separated).")]
    public string? Only { get; init; }

    [CommandOption("--mock-llm <URL>"), Description("Base address of the mock LLM (its admin API gives the overhead).")]
    public string? MockLlm { get; init; }

    [CommandOption("-n|--iterations <N>"), Description("Measured iterations per scenario.")]
    public int? Iterations { get; init; }

    [CommandOption("-w|--warmup <N>"), Description("Warm-up iterations per scenario (never counted).")]
    public int? Warmup { get; init; }

    [CommandOption("-c|--concurrency <N>"), Description("Closed loop: workers. Open loop: most iterations in flight.")]
    public int? Concurrency { get; init; }

    [CommandOption("-r|--rate <PER_SECOND>"), Description("Open loop at this many iterations per second (latency from the intended start).")]
    public double? Rate { get; init; }

    [CommandOption("-d|--duration <TIME>"), Description("Measure for this long instead of a count (e.g. 30s, 2m).")]
    public string? Duration { get; init; }

    [CommandOption("-q|--quick"), Description("A small suite that finishes in a few minutes.")]
    public bool Quick { get; init; }

    [CommandOption("--latency <PROFILE>"), Description("Mock LLM latency profile for every scenario (zero, realistic, or one from the config).")]
    public string? Latency { get; init; }

    [CommandOption("--config <FILE>"), Description("Config file (default: benchmark-config.yaml at the repository root).")]
    public string? Config { get; init; }

    [CommandOption("-o|--output <DIR>"), Description("Folder for results/<timestamp>/ (default: <repo>/results).")]
    public string? Output { get; init; }

    [CommandOption("--seed <N>"), Description("Seed of the mock's jitter and faults and of the sample reservoir.")]
    public long? Seed { get; init; }

    [CommandOption("--health-wait <SECONDS>"), Description("How long an executor may take to become healthy.")]
    public double? HealthWait { get; init; }

    [CommandOption("--no-sweep"), Description("Skip the concurrency sweep.")]
    public bool NoSweep { get; init; }

    [CommandOption("--no-growth"), Description("Skip the memory-growth probe.")]
    public bool NoGrowth { get; init; }

    [CommandOption("--serve"), Description("After the run, stay up and serve the reports over HTTP (the AppHost's dashboard mode).")]
    public bool Serve { get; init; }

    [CommandOption("--require-all"), Description("Every executor of the run must be available: exit 3 naming each one that is not, before measuring anything.")]
    public bool RequireAll { get; init; }

    [CommandOption("--plain"), Description("Plain lines instead of progress bars (the default when not on a terminal).")]
    public bool Plain { get; init; }

    public override ValidationResult Validate()
    {
        if (All && Scenarios.Length > 0) return ValidationResult.Error("--all and --scenario: give one or the other.");
        if (Iterations is <= 0) return ValidationResult.Error("--iterations: must be at least 1.");
        if (Warmup is < 0) return ValidationResult.Error("--warmup: must be 0 or more.");
        if (Concurrency is <= 0) return ValidationResult.Error("--concurrency: must be at least 1.");
        if (Rate is { } r && (!double.IsFinite(r) || r <= 0)) return ValidationResult.Error("--rate: must be a positive number of iterations per second.");
        if (Duration is { } d && (!DurationText.TryParseSeconds(d, out var s) || s <= 0)) return ValidationResult.Error($"--duration: '{d}' is not a duration (e.g. 30s, 2m).");
        if (HealthWait is < 0) return ValidationResult.Error("--health-wait: must be 0 or more seconds.");
        return ValidationResult.Success();
    }

    public RunOptions ToOptions(string? configFile) => new()
    {
        Scenarios = Split(Scenarios),
        ExecutorFlags = Executors,
        OnlyExecutors = Only is null ? [] : Split([Only]),
        MockLlmUrl = MockLlm,
        Iterations = Iterations,
        Warmup = Warmup,
        Concurrency = Concurrency,
        Rate = Rate,
        DurationSeconds = Duration is { } d && DurationText.TryParseSeconds(d, out var s) ? s : null,
        Quick = Quick,
        Latency = Latency,
        OutputRoot = Output is null ? null : Path.GetFullPath(Output),
        NoSweep = NoSweep,
        NoGrowth = NoGrowth,
        Seed = Seed,
        HealthWaitSeconds = HealthWait,
        RequireAll = RequireAll,
        ConfigFile = configFile,
    };

    private static IReadOnlyList<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
