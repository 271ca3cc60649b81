using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Scenarios;

namespace BenchApp.LoadDriver.Suite;

/// <summary>
/// Turns the config and the command's flags into plans: which scenarios with how much load, the sweep's
/// levels, the growth probe's turns. Flags win over the file; <c>--quick</c> shrinks everything.
/// </summary>
public static class SuitePlanner
{
    public static BenchmarkConfig Effective(BenchmarkConfig config, RunOptions options)
    {
        if (options.Seed is { } seed) config = config with { Seed = seed };
        if (options.HealthWaitSeconds is { } wait) config = config with { Driver = config.Driver with { HealthWaitSeconds = wait } };
        if (options.Latency is { } latency && !config.Llm.Mock.Profiles.ContainsKey(latency))
            throw new ConfigException($"--latency: unknown profile '{latency}' (known: {string.Join(", ", config.Llm.Mock.Profiles.Keys)}).");
        foreach (var name in options.Scenarios)
            if (!ScenarioCatalog.IsKnown(name) && !RecoveryScenarios.IsKnown(name))
                throw new ConfigException($"--scenario: unknown scenario '{name}' (known: {string.Join(", ", ScenarioCatalog.Names.Concat(RecoveryScenarios.Names))}).");
        return config;
    }

    public static IReadOnlyList<ScenarioPlan> Scenarios(BenchmarkConfig config, RunOptions options)
    {
        var selected = options.Scenarios.Count == 0
            ? config.Scenarios
            : options.Scenarios.Distinct().Where(ScenarioCatalog.IsKnown).Select(name =>
                config.Scenarios.FirstOrDefault(s => s.Name == name)
                ?? ScenarioConfig.Defaults.FirstOrDefault(s => s.Name == name)
                ?? new ScenarioConfig { Name = name }).ToList();
        return selected.Select(s => Plan(config, options, s)).ToList();
    }

    private static ScenarioPlan Plan(BenchmarkConfig config, RunOptions options, ScenarioConfig s)
    {
        var iterations = s.Iterations;
        var warmup = s.Warmup;
        var duration = s.DurationSeconds;
        if (options.Quick)
        {
            iterations = s.Name == ScenarioCatalog.Concurrent ? config.Quick.ConcurrentIterations : config.Quick.Iterations;
            // Every worker should have warmed its connection, so warm-up is at least one iteration per worker.
            warmup = Math.Min(warmup, Math.Max(config.Quick.Warmup, s.Concurrent));
            duration = null;
        }
        iterations = options.Iterations ?? iterations;
        warmup = options.Warmup ?? warmup;
        if (options.DurationSeconds is { } d) duration = d;
        else if (options.Iterations is not null) duration = null;

        var model = options.Rate is null ? s.Load : LoadModel.Open;
        var profile = options.Latency ?? s.Latency ?? config.Llm.Mock.Latency;
        return new ScenarioPlan
        {
            Definition = ScenarioCatalog.Resolve(s),
            Model = model,
            Concurrency = options.Concurrency ?? s.Concurrent,
            Rate = options.Rate ?? s.Rate,
            Iterations = iterations,
            Warmup = warmup,
            DurationSeconds = duration,
            MaxInFlight = model == LoadModel.Open ? options.Concurrency ?? Math.Max(s.Concurrent, config.Driver.MaxInFlight) : s.Concurrent,
            LatencyProfile = profile,
            LatencyModel = config.Llm.Mock.Profiles[profile],
            Label = s.Name,
        };
    }

    /// <summary>The concurrency sweep: closed loop at each level; none when a subset of scenarios was asked for.</summary>
    public static IReadOnlyList<ScenarioPlan> Sweep(BenchmarkConfig config, RunOptions options)
    {
        if (!config.Sweep.Enabled || options.NoSweep || options.Scenarios.Count > 0) return [];
        var levels = options.Quick ? config.Quick.SweepConcurrency : config.Sweep.Concurrency;
        var base_ = config.Scenarios.FirstOrDefault(s => s.Name == config.Sweep.Scenario) ?? new ScenarioConfig { Name = config.Sweep.Scenario };
        var profile = options.Latency ?? base_.Latency ?? config.Llm.Mock.Latency;
        return levels.Select(level => new ScenarioPlan
        {
            Definition = ScenarioCatalog.Resolve(base_),
            Model = LoadModel.Closed,
            Concurrency = level,
            Iterations = options.Quick
                ? Math.Max(config.Quick.SweepMinIterations, level * config.Quick.SweepIterationsPerWorker)
                : config.Sweep.IterationsAt(level),
            Warmup = Math.Max(level, options.Quick ? Math.Min(config.Quick.Warmup, config.Sweep.Warmup) : config.Sweep.Warmup),
            LatencyProfile = profile,
            LatencyModel = config.Llm.Mock.Profiles[profile],
            Label = $"sweep {config.Sweep.Scenario} x{level}",
        }).ToList();
    }

    /// <summary>
    /// The recovery scenarios to run: those named with --scenario; else, in the full suite, those enabled in the
    /// config; never in --quick unless named (they deliberately break things and take seconds per executor).
    /// </summary>
    public static IReadOnlyList<string> Recovery(BenchmarkConfig config, RunOptions options) =>
        options.Scenarios.Count > 0 ? RecoveryScenarios.Names.Where(options.Scenarios.Contains).ToList()
        : options.Quick ? []
        : RecoveryScenarios.Names.Where(n => n switch
        {
            RecoveryScenarios.ErrorRecovery => config.ErrorRecovery.Enabled,
            RecoveryScenarios.CrashRecovery => config.CrashRecovery.Enabled,
            RecoveryScenarios.DependencyFault => config.DependencyFault.Enabled,
            RecoveryScenarios.Soak => config.Soak.Enabled,
            _ => false,
        }).ToList();

    /// <summary>Turns of the memory-growth probe, or 0 when it does not run.</summary>
    public static int GrowthTurns(BenchmarkConfig config, RunOptions options) =>
        !config.Growth.Enabled || options.NoGrowth || options.Scenarios.Count > 0 ? 0
        : options.Quick ? config.Quick.GrowthTurns : config.Growth.Turns;
}
