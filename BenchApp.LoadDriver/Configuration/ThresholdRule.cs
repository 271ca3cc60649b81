using System.Globalization;
using System.Text.RegularExpressions;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// A k6-style pass/fail rule on one metric of every (or one) executor and scenario, e.g. <c>p99&lt;200</c>
/// (milliseconds), <c>error_rate&lt;=0.01</c>, <c>throughput&gt;100</c>. A broken rule fails the run (exit 99).
/// </summary>
public sealed partial record ThresholdRule(string Expression, string Metric, string Operator, double Value)
{
    public string? Scenario { get; init; }
    public string? Executor { get; init; }

    /// <summary>Metrics a rule may name: latency percentiles and mean in ms, overhead in ms, error rate (0..1), throughput (req/s).</summary>
    public static readonly IReadOnlyList<string> Metrics =
        ["p50", "p90", "p99", "p99.9", "max", "mean", "overhead_p50", "overhead_p99", "error_rate", "throughput"];

    public static bool TryParse(string expression, out ThresholdRule? rule, out string? error)
    {
        rule = null;
        error = null;
        var match = RuleRegex().Match(expression);
        if (!match.Success)
        {
            error = $"'{expression}' is not METRIC<OP>VALUE (e.g. p99<200).";
            return false;
        }
        var metric = match.Groups["metric"].Value;
        if (!Metrics.Contains(metric))
        {
            error = $"unknown metric '{metric}' (known: {string.Join(", ", Metrics)}).";
            return false;
        }
        if (!double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = $"'{match.Groups["value"].Value}' is not a number.";
            return false;
        }
        rule = new ThresholdRule(expression.Trim(), metric, match.Groups["op"].Value, value);
        return true;
    }

    /// <summary>True when <paramref name="actual"/> satisfies the rule.</summary>
    public bool Holds(double actual) => Operator switch
    {
        "<" => actual < Value,
        "<=" => actual <= Value,
        ">" => actual > Value,
        ">=" => actual >= Value,
        _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
    };

    [GeneratedRegex(@"^\s*(?<metric>[a-z_0-9.]+)\s*(?<op><=|>=|<|>)\s*(?<value>[-+0-9.eE]+)\s*(ms)?\s*$")]
    private static partial Regex RuleRegex();
}
