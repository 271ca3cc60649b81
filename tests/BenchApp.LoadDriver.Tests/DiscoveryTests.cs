using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;

namespace BenchApp.LoadDriver.Tests;

public sealed class DiscoveryTests
{
    private static readonly BenchmarkConfig ConfigWithExecutor = new()
    {
        Executors = [new ExecutorEndpointConfig("dotnet-inproc", new Uri("http://127.0.0.1:7001"))],
        Llm = new LlmConfig { Mock = new MockSection { Url = new Uri("http://127.0.0.1:7000") } },
    };

    [Fact]
    public void The_apphosts_service_discovery_and_unavailable_reasons_are_read()
    {
        var env = new Dictionary<string, string?>
        {
            ["services__dotnet-inproc__http__0"] = "http://localhost:5101",
            ["services__python-baseline__http__0"] = "http://localhost:5102",
            ["BENCH_UNAVAILABLE__dotnet-temporal"] = "no temporal CLI on PATH",
            ["services__mock-llm__http__0"] = "http://localhost:5100",
            ["services__unrelated__http__0"] = "http://localhost:9",
        };

        var targets = ExecutorDiscovery.Discover(ConfigWithExecutor, [], [], env);

        Assert.Equal(["dotnet-temporal", "dotnet-inproc", "python-baseline"], targets.Select(t => t.Name));
        Assert.Equal("no temporal CLI on PATH", targets[0].UnavailableReason);
        Assert.Null(targets[0].Url);
        Assert.Equal(new Uri("http://localhost:5101/"), targets[1].Url);
        Assert.All(targets, t => Assert.Equal("aspire", t.Source));
        Assert.Equal(new Uri("http://localhost:5100/"), ExecutorDiscovery.MockLlm(null, ConfigWithExecutor, env));
    }

    [Fact]
    public void Flags_win_over_discovery_and_config()
    {
        var env = new Dictionary<string, string?> { ["services__dotnet-inproc__http__0"] = "http://localhost:5101" };
        var targets = ExecutorDiscovery.Discover(ConfigWithExecutor, ["mine=http://127.0.0.1:9000"], [], env);
        Assert.Equal(new ExecutorTarget("mine", new Uri("http://127.0.0.1:9000/"), "flag"), Assert.Single(targets));
        Assert.Equal(new Uri("http://127.0.0.1:9/"), ExecutorDiscovery.MockLlm("http://127.0.0.1:9", ConfigWithExecutor, env));
    }

    [Fact]
    public void The_config_is_used_without_discovery_or_flags()
    {
        var target = Assert.Single(ExecutorDiscovery.Discover(ConfigWithExecutor, [], [], new Dictionary<string, string?>()));
        Assert.Equal(("dotnet-inproc", "config"), (target.Name, target.Source));
        Assert.Equal(new Uri("http://127.0.0.1:7000/"), ExecutorDiscovery.MockLlm(null, ConfigWithExecutor, new Dictionary<string, string?>()));
    }

    [Fact]
    public void Only_filters_and_an_unknown_name_is_an_error()
    {
        var env = new Dictionary<string, string?>
        {
            ["services__dotnet-inproc__http__0"] = "http://localhost:5101",
            ["services__python-baseline__http__0"] = "http://localhost:5102",
        };
        Assert.Equal("python-baseline", Assert.Single(ExecutorDiscovery.Discover(new BenchmarkConfig(), [], ["python-baseline"], env)).Name);
        var e = Assert.Throws<ConfigException>(() => ExecutorDiscovery.Discover(new BenchmarkConfig(), [], ["python-adk"], env));
        Assert.Contains("--executors: python-adk not found (found: dotnet-inproc, python-baseline)", e.Message);
    }

    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("x=notaurl")]
    [InlineData("x=ftp://host")]
    public void A_bad_executor_flag_is_explained(string flag)
    {
        var e = Assert.Throws<ConfigException>(() => ExecutorDiscovery.Discover(new BenchmarkConfig(), [flag], [], new Dictionary<string, string?>()));
        Assert.Contains("--executor", e.Message);
    }

    [Fact]
    public void Loopback_is_this_machine_and_a_remote_host_is_not()
    {
        Assert.True(ExecutorProbe.IsThisMachine(new Uri("http://127.0.0.1:1")));
        Assert.True(ExecutorProbe.IsThisMachine(new Uri("http://localhost:1")));
        Assert.True(ExecutorProbe.IsThisMachine(new Uri("http://[::1]:1")));
        Assert.False(ExecutorProbe.IsThisMachine(new Uri("http://203.0.113.7:1")));
        var (pid, note) = ExecutorProbe.SamplingTarget(new Uri("http://203.0.113.7:1"), 42);
        Assert.Null(pid);
        Assert.Contains("another machine", note);
        Assert.Contains("not a process on this machine", ExecutorProbe.SamplingTarget(new Uri("http://127.0.0.1:1"), int.MaxValue - 3).Note);
    }
}
