using BenchApp.MockLlm.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BenchApp.MockLlm.Tests.Integration;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("MockLlm:Latency:PerTokenMs", "-1")]
    [InlineData("MockLlm:Faults:HangRate", "1.5")]
    [InlineData("MockLlm:Latency:Jitter:Distribution", "triangular")]
    [InlineData("MockLlm:MaxRequestBodyBytes", "10")]
    public void The_host_does_not_start_with_an_invalid_setting(string key, string value)
    {
        using var server = MockLlmServer.WithSettings(new Dictionary<string, string?> { [key] = value });
        var e = Assert.ThrowsAny<Exception>(() => server.BaseAddress);
        var validation = e as OptionsValidationException ?? e.InnerException as OptionsValidationException
            ?? (e as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains(validation.Failures, f => f.StartsWith(key + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Valid_settings_become_the_starting_config()
    {
        using var server = MockLlmServer.WithSettings(new Dictionary<string, string?>
        {
            ["MockLlm:Latency:TtftMs"] = "12.5",
            ["MockLlm:Faults:RetryAfterSeconds"] = "4",
            ["MockLlm:Seed"] = "99",
        });
        using var http = server.NewHttpClient();
        var config = (await Http.GetAsync(http, "admin/config")).Json;
        Assert.Equal(12.5, config.GetProperty("latency").GetProperty("ttft_ms").GetDouble());
        Assert.Equal(4, config.GetProperty("faults").GetProperty("retry_after_seconds").GetDouble());
        Assert.Equal(99, config.GetProperty("seed").GetInt64());
    }
}
