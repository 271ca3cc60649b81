using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Suite;

/// <summary>Checks the config's k6-style rules against every scenario result they apply to.</summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdOutcome> Evaluate(IReadOnlyList<ThresholdRule> rules, IReadOnlyList<ScenarioResult> scenarios)
    {
        var outcomes = new List<ThresholdOutcome>();
        foreach (var rule in rules)
            foreach (var s in scenarios.Where(s => (rule.Scenario is null || rule.Scenario == s.Scenario) && (rule.Executor is null || rule.Executor == s.Executor)))
            {
                var (value, applies) = Metric(rule.Metric, s);
                outcomes.Add(new ThresholdOutcome
                {
                    Rule = rule.Expression, Executor = s.Executor, Scenario = s.Scenario,
                    Actual = value,
                    // No good reply means no latency: a latency rule fails. An unmeasurable overhead is not judged.
                    Passed = value is { } v ? rule.Holds(v) : !applies,
                });
            }
        return outcomes;
    }

    private static (double? Value, bool Applies) Metric(string metric, ScenarioResult s)
    {
        var latency = s.LatencyCorrectedMs ?? s.LatencyMs;
        return metric switch
        {
            "p50" => (latency?.P50, true),
            "p90" => (latency?.P90, true),
            "p99" => (latency?.P99, true),
            "p99.9" => (latency?.P999, true),
            "max" => (latency?.Max, true),
            "mean" => (latency?.Mean, true),
            "overhead_p50" => (s.OverheadMs?.P50, false),
            "overhead_p99" => (s.OverheadMs?.P99, false),
            "error_rate" => (s.ErrorRate, true),
            "throughput" => (s.ThroughputRps, true),
            _ => (null, true),
        };
    }
}
