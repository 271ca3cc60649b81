using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Tests;

public sealed class ConfigLoaderTests
{
    private static ConfigException Invalid(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml));

    [Fact]
    public void The_repository_config_is_valid_and_keeps_the_seed_keys()
    {
        var config = ConfigLoader.LoadFile(BenchApp.TestSupport.RepoPaths.Combine("benchmark-config.yaml"));

        Assert.Equal(["simple-chat", "tool-execution", "multi-turn", "agent-loop", "concurrent"], config.Scenarios.Select(s => s.Name));
        Assert.Equal(100, config.Scenarios.Single(s => s.Name == "concurrent").Concurrent);
        Assert.True(config.Llm.Mock.Enabled);
        Assert.Equal("bench-model", config.Llm.Model);
        Assert.Equal(300, config.Llm.Mock.Profiles["realistic"].TtftMs);
    }

    [Fact]
    public void An_empty_file_is_the_default_suite()
    {
        var config = ConfigLoader.Parse("");
        Assert.Equal(5, config.Scenarios.Count);
        Assert.Equal("zero", config.Llm.Mock.Latency);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var config = ConfigLoader.Parse("""
            scenarios:
              - name: simple-chat
                iterations: 7
                warmup: 2
                concurrent: 3
                load: open
                rate: 50
                duration: 2s
                latency: realistic
                reply_tokens: 40
            llm:
              provider: anthropic
              model: m
              mock:
                url: http://127.0.0.1:9/
                latency: realistic
                profiles:
                  slow: { ttft_ms: 1000, per_token_ms: 5, jitter: { distribution: normal, stddev_ms: 3 } }
                faults: { error_rate: 0.1 }
            executors:
              dotnet-inproc: http://127.0.0.1:5101
            sweep: { concurrency: [10, 1], scenario: tool-execution }
            growth: { turns: 12 }
            driver: { health_wait_seconds: 1m, sample_interval_ms: 100, settle_seconds: 2s, settle_cpu_percent: 10 }
            quick: { iterations: 3 }
            compare: { threshold_percent: 10 }
            thresholds:
              - p99<200
              - { rule: "error_rate<=0", scenario: simple-chat, executor: dotnet-inproc }
            seed: 7
            """);

        var s = Assert.Single(config.Scenarios);
        Assert.Equal((7, 2, 3, LoadModel.Open, 50.0, 2.0, "realistic", 40), (s.Iterations, s.Warmup, s.Concurrent, s.Load, s.Rate!.Value, s.DurationSeconds!.Value, s.Latency, s.ReplyTokens!.Value));
        Assert.Equal("anthropic", config.Llm.Provider);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), config.Llm.Mock.Url);
        Assert.Equal(1000, config.Llm.Mock.Profiles["slow"].TtftMs);
        Assert.Equal("normal", config.Llm.Mock.Profiles["slow"].Jitter.Distribution);
        Assert.True(config.Llm.Mock.Profiles.ContainsKey("zero"), "built-in profiles stay");
        Assert.Equal(0.1, config.Llm.Mock.Faults.ErrorRate);
        Assert.Equal(new ExecutorEndpointConfig("dotnet-inproc", new Uri("http://127.0.0.1:5101")), Assert.Single(config.Executors));
        Assert.Equal([1, 10], config.Sweep.Concurrency);
        Assert.Equal("tool-execution", config.Sweep.Scenario);
        Assert.Equal(12, config.Growth.Turns);
        Assert.Equal(60, config.Driver.HealthWaitSeconds);
        Assert.Equal((2.0, 10.0), (config.Driver.SettleSeconds, config.Driver.SettleCpuPercent));
        Assert.Equal(3, config.Quick.Iterations);
        Assert.Equal(10, config.Compare.ThresholdPercent);
        Assert.Equal(2, config.Thresholds.Count);
        Assert.Equal(("error_rate", "<=", 0.0, "simple-chat", "dotnet-inproc"),
            (config.Thresholds[1].Metric, config.Thresholds[1].Operator, config.Thresholds[1].Value, config.Thresholds[1].Scenario, config.Thresholds[1].Executor));
        Assert.Equal(7, config.Seed);
    }

    [Fact]
    public void The_seeds_boolean_mock_key_is_accepted()
    {
        Assert.True(ConfigLoader.Parse("llm:\n  mock: true\n").Llm.Mock.Enabled);
        Assert.False(ConfigLoader.Parse("llm:\n  mock: false\n").Llm.Mock.Enabled);
    }

    [Fact]
    public void A_bad_value_names_the_key_and_its_line()
    {
        var e = Invalid("scenarios:\n  - name: simple-chat\n    iterations: lots\n");
        var error = Assert.Single(e.Errors);
        Assert.StartsWith("benchmark-config.yaml:3:17: scenarios[0].iterations:", error);
        Assert.Contains("'lots'", error);
    }

    [Fact]
    public void Every_error_is_reported_at_once_in_line_order()
    {
        var e = Invalid("""
            scenarios:
              - name: nope
              - name: agent-loop
                max_iterations: 5
            sweep:
              concurrency: [1, 0]
            thresholds:
              - p98<3
            extra: 1
            """);

        Assert.Collection(e.Errors,
            x => Assert.Contains(":2:11: scenarios[0].name: unknown scenario 'nope'", x),
            x => Assert.Contains(":3:5: scenarios[1]: max_iterations (5) is below the 11 LLM calls", x),
            x => Assert.Contains(":6:20: sweep.concurrency[1]: must be between 1 and 100000, got 0", x),
            x => Assert.Contains(":8:5: thresholds[0]: unknown metric 'p98'", x),
            x => Assert.Contains(":9:1: extra: unknown key 'extra'", x));
    }

    [Theory]
    [InlineData("scenarios:\n  - iterations: 3\n", "scenarios[0]: 'name' is required")]
    [InlineData("scenarios:\n  - name: simple-chat\n  - name: simple-chat\n", "scenarios[1].name: scenario 'simple-chat' is listed twice")]
    [InlineData("scenarios:\n  - name: simple-chat\n    load: open\n", "scenarios[0].rate: is required when load is 'open'")]
    [InlineData("scenarios:\n  - name: simple-chat\n    load: sideways\n", "scenarios[0].load: must be 'closed' or 'open'")]
    [InlineData("scenarios:\n  - name: tool-execution\n    tool_calls: 2\n    parallel: 3\n", "parallel (3) must not exceed tool_calls (2)")]
    [InlineData("scenarios:\n  - name: simple-chat\n    latency: warp\n", "scenarios.simple-chat.latency: unknown latency profile 'warp'")]
    [InlineData("llm:\n  mock:\n    faults: { error_rate: 0.7, hang_rate: 0.7 }\n", "llm.mock.faults: error_rate + rate_limit_rate + hang_rate must be at most 1")]
    [InlineData("llm:\n  mock:\n    profiles:\n      p: { jitter: { distribution: wobbly } }\n", "llm.mock.profiles.p.jitter.distribution: must be one of none, normal, lognormal")]
    [InlineData("executors:\n  Dotnet: http://x\n", "executors.Dotnet: executor names are lowercase")]
    [InlineData("executors:\n  dotnet-inproc: ftp://x\n", "executors.dotnet-inproc: must be an absolute http(s) URL")]
    [InlineData("driver:\n  health_wait_seconds: soon\n", "driver.health_wait_seconds: must be a duration")]
    [InlineData("driver:\n  settle_cpu_percent: 0\n", "driver.settle_cpu_percent")]
    [InlineData("scenarios: simple-chat\n", "scenarios: must be a list")]
    [InlineData("- a\n- b\n", "must be a mapping")]
    [InlineData("seed: many\n", "seed: must be an integer")]
    public void Invalid_values_are_explained(string yaml, string expected)
    {
        var e = Invalid(yaml);
        Assert.Contains(e.Errors, x => x.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_yaml_gives_its_position()
    {
        var e = Invalid("scenarios:\n  - name: [unclosed\n");
        Assert.Matches(@"^benchmark-config\.yaml:\d+:\d+: not valid YAML", Assert.Single(e.Errors));
    }

    [Fact]
    public void A_missing_file_names_the_flag()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile("/nonexistent/bench.yaml"));
        Assert.Contains("--config", e.Message);
    }

    [Theory]
    [InlineData("p99<200", "p99", "<", 200)]
    [InlineData(" error_rate <= 0.01 ", "error_rate", "<=", 0.01)]
    [InlineData("throughput>1e3", "throughput", ">", 1000)]
    [InlineData("p99<200ms", "p99", "<", 200)]
    public void Threshold_rules_parse(string text, string metric, string op, double value)
    {
        Assert.True(ThresholdRule.TryParse(text, out var rule, out _));
        Assert.Equal((metric, op, value), (rule!.Metric, rule.Operator, rule.Value));
    }

    [Fact]
    public void Threshold_rules_hold_or_break()
    {
        ThresholdRule.TryParse("p99<200", out var lessThan, out _);
        Assert.True(lessThan!.Holds(199.9));
        Assert.False(lessThan.Holds(200));
        ThresholdRule.TryParse("throughput>=100", out var atLeast, out _);
        Assert.True(atLeast!.Holds(100));
        Assert.False(atLeast.Holds(99));
    }
}
