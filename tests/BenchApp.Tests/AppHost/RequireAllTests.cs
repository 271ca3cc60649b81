using BenchApp.AppHost;
using BenchApp.AppHost.Driver;
using BenchApp.AppHost.Executors;

namespace BenchApp.Tests.AppHost;

/// <summary>BenchApp:RequireAll: the AppHost refuses to start with an unavailable executor, and tells the driver.</summary>
public class RequireAllTests
{
    private static ExecutorSet WithUnavailable(params (string Name, string Reason)[] unavailable)
    {
        var set = new ExecutorSet();
        foreach (var (name, reason) in unavailable) set.MarkUnavailable(name, reason);
        return set;
    }

    [Fact]
    public void An_unavailable_executor_stops_the_run_with_code_3_and_each_reason()
    {
        var previous = Environment.ExitCode;
        try
        {
            var error = new StringWriter();
            var refused = RequireAll.Refuses(new BenchAppSettings { RequireAll = true },
                WithUnavailable(("dotnet-temporal", "Temporal is turned off."), ("node-langgraph", "node is not on PATH.")), error);

            Assert.True(refused);
            Assert.Equal(3, Environment.ExitCode);
            var text = error.ToString();
            Assert.Contains("2 executor(s) cannot run here; nothing was started", text);
            Assert.Contains("  dotnet-temporal: Temporal is turned off.", text);
            Assert.Contains("  node-langgraph: node is not on PATH.", text);
        }
        finally
        {
            Environment.ExitCode = previous;
        }
    }

    [Fact]
    public void Without_the_setting_or_with_nothing_missing_the_run_goes_on()
    {
        var error = new StringWriter();
        Assert.False(RequireAll.Refuses(new BenchAppSettings(), WithUnavailable(("dotnet-temporal", "no server")), error));
        Assert.False(RequireAll.Refuses(new BenchAppSettings { RequireAll = true }, WithUnavailable(), error));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void The_driver_gets_require_all_only_when_it_is_set()
    {
        Assert.Contains("--require-all", new DriverRunRequest(new BenchAppSettings { RequireAll = true }, "/repo").Arguments());
        Assert.DoesNotContain("--require-all", new DriverRunRequest(new BenchAppSettings(), "/repo").Arguments());
    }
}
