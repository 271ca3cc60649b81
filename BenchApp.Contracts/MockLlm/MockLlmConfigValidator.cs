namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Checks a <see cref="MockLlmConfig"/>; errors are keyed by the snake_case path of the field
/// (<c>latency.ttft_ms</c>), as the admin API and the load driver's config files name them.
/// </summary>
public static class MockLlmConfigValidator
{
    public static Dictionary<string, string[]> Validate(MockLlmConfig? config)
    {
        var errors = new Dictionary<string, string[]>();
        if (config is null)
        {
            errors["body"] = ["A JSON object is required."];
            return errors;
        }

        if (config.Latency is not { } latency)
            errors["latency"] = ["Must be an object."];
        else
        {
            CheckMs(errors, "latency.ttft_ms", latency.TtftMs);
            CheckMs(errors, "latency.per_token_ms", latency.PerTokenMs);
            if (latency.Jitter is not { } jitter)
                errors["latency.jitter"] = ["Must be an object."];
            else
            {
                if (!JitterDistributions.All.Contains(jitter.Distribution))
                    errors["latency.jitter.distribution"] = [$"Must be one of {string.Join(", ", JitterDistributions.All)}."];
                CheckMs(errors, "latency.jitter.stddev_ms", jitter.StddevMs);
                CheckRange(errors, "latency.jitter.sigma", jitter.Sigma, 0, JitterConfig.MaxSigma);
            }
        }

        if (config.Faults is not { } faults)
            errors["faults"] = ["Must be an object."];
        else
        {
            CheckRange(errors, "faults.error_rate", faults.ErrorRate, 0, 1);
            CheckRange(errors, "faults.rate_limit_rate", faults.RateLimitRate, 0, 1);
            CheckRange(errors, "faults.hang_rate", faults.HangRate, 0, 1);
            CheckRange(errors, "faults.retry_after_seconds", faults.RetryAfterSeconds, 0, FaultConfig.MaxRetryAfterSeconds);
            CheckRange(errors, "faults.hang_ms", faults.HangMs, 0, FaultConfig.MaxHangMs);
            var sum = faults.ErrorRate + faults.RateLimitRate + faults.HangRate;
            if (sum > 1 + 1e-9 && !errors.Keys.Any(k => k.EndsWith("_rate", StringComparison.Ordinal)))
                errors["faults"] = [$"error_rate + rate_limit_rate + hang_rate must be at most 1 (got {sum})."];
        }
        return errors;
    }

    /// <summary>Checks a fail-next request; errors keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(FailNextRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON object is required."];
            return errors;
        }
        if (request.Count is < 0 or > FailNextRequest.MaxCount)
            errors["count"] = [$"Must be between 0 and {FailNextRequest.MaxCount}."];
        if (!FaultKinds.FailNext.Contains(request.Kind))
            errors["kind"] = [$"Must be one of {string.Join(", ", FaultKinds.FailNext)}."];
        return errors;
    }

    private static void CheckMs(Dictionary<string, string[]> errors, string field, double value) =>
        CheckRange(errors, field, value, 0, LatencyConfig.MaxMs);

    private static void CheckRange(Dictionary<string, string[]> errors, string field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
            errors[field] = [$"Must be between {min} and {max} (got {value})."];
    }
}
