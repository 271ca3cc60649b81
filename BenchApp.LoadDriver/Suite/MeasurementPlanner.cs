using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Scenarios;

namespace BenchApp.LoadDriver.Suite;

/// <summary>
/// Plans of the measurements users ask about, beside <see cref="SuitePlanner"/>'s: cold starts per executor and the
/// seed's scenarios end to end at a realistic LLM latency. Neither runs when a subset of scenarios was asked for.
/// </summary>
public static class MeasurementPlanner
{
    /// <summary>Starts per executor, or 0 when cold start does not run.</summary>
    public static int ColdStarts(BenchmarkConfig config, RunOptions options) =>
        !config.ColdStart.Enabled || options.Scenarios.Count > 0 ? 0
        : options.Quick ? config.ColdStart.QuickStarts : config.ColdStart.Starts;

    /// <summary>
    /// The five scenarios at <c>end_to_end.latency</c>; none when disabled, when scenarios were named, or when --latency
    /// already puts every scenario on one profile (then the main tables are that).
    /// </summary>
    public static IReadOnlyList<ScenarioPlan> EndToEnd(BenchmarkConfig config, RunOptions options)
    {
        var e2e = config.EndToEnd;
        if (!e2e.Enabled || options.Scenarios.Count > 0 || options.Latency is not null) return [];
        if (!config.Llm.Mock.Profiles.TryGetValue(e2e.Latency, out var model))
            throw new ConfigException($"end_to_end.latency: unknown profile '{e2e.Latency}' (known: {string.Join(", ", config.Llm.Mock.Profiles.Keys)}).");
        return ScenarioCatalog.Names.Select(name =>
        {
            var s = config.Scenarios.FirstOrDefault(c => c.Name == name) ?? ScenarioConfig.Defaults.First(c => c.Name == name);
            var concurrent = name == ScenarioCatalog.Concurrent;
            return new ScenarioPlan
            {
                Definition = ScenarioCatalog.Resolve(s),
                Model = LoadModel.Closed,
                Concurrency = s.Concurrent,
                Iterations = concurrent
                    ? options.Quick ? e2e.QuickConcurrentIterations : e2e.ConcurrentIterations
                    : options.Quick ? e2e.QuickIterations : e2e.Iterations,
                // Every worker warms its connection once.
                Warmup = Math.Max(e2e.Warmup, s.Concurrent),
                LatencyProfile = e2e.Latency,
                LatencyModel = model,
                Label = $"{name} @{e2e.Latency}",
            };
        }).ToList();
    }
}
