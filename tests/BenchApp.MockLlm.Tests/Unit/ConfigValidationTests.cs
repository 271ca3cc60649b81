using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Hosting;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class ConfigValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(MockLlmConfigValidator.Validate(new MockLlmConfig()));
        Assert.True(new MockLlmOptionsValidator().Validate(null, new MockLlmOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var errors = MockLlmConfigValidator.Validate(new MockLlmConfig
        {
            Latency = new LatencyConfig
            {
                TtftMs = -1,
                PerTokenMs = double.NaN,
                Jitter = new JitterConfig { Distribution = "uniform", StddevMs = -2, Sigma = 9 },
            },
            Faults = new FaultConfig { ErrorRate = 1.5, RateLimitRate = -0.1, HangRate = 2, RetryAfterSeconds = -1, HangMs = -5 },
        });
        Assert.Equal(
            ["faults.error_rate", "faults.hang_ms", "faults.hang_rate", "faults.rate_limit_rate", "faults.retry_after_seconds",
             "latency.jitter.distribution", "latency.jitter.sigma", "latency.jitter.stddev_ms", "latency.per_token_ms", "latency.ttft_ms"],
            errors.Keys.Order());
    }

    [Fact]
    public void Rates_must_add_up_to_at_most_one()
    {
        var errors = MockLlmConfigValidator.Validate(new MockLlmConfig { Faults = new FaultConfig { ErrorRate = 0.6, HangRate = 0.6 } });
        Assert.Contains("faults", errors.Keys);
        Assert.Empty(MockLlmConfigValidator.Validate(new MockLlmConfig { Faults = new FaultConfig { ErrorRate = 0.5, RateLimitRate = 0.3, HangRate = 0.2 } }));
    }

    [Fact]
    public void Start_up_validation_names_the_configuration_key()
    {
        var result = new MockLlmOptionsValidator().Validate(null, new MockLlmOptions
        {
            Latency = new LatencyConfig { TtftMs = -5 },
            Faults = new FaultConfig { RateLimitRate = 3 },
            MaxTrackedRuns = 0,
        });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("MockLlm:Latency:TtftMs:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("MockLlm:Faults:RateLimitRate:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("MockLlm:MaxTrackedRuns:", StringComparison.Ordinal));
        Assert.Equal("MockLlm:Latency:Jitter:StddevMs", MockLlmOptionsValidator.ToConfigurationKey("latency.jitter.stddev_ms"));
    }

    [Fact]
    public void Fail_next_requests_are_checked()
    {
        Assert.Empty(MockLlmConfigValidator.Validate(new FailNextRequest { Count = 3, Kind = FaultKinds.Hang }));
        var errors = MockLlmConfigValidator.Validate(new FailNextRequest { Count = -1, Kind = "boom" });
        Assert.Equal(["count", "kind"], errors.Keys.Order());
    }
}
