using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BenchApp.AppHost;
using BenchApp.AppHost.Executors;
using BenchApp.AppHost.Infrastructure;
using BenchApp.AppHost.Llm;

namespace BenchApp.Tests.AppHost;

/// <summary>Which executors the model holds, without starting anything.</summary>
public class ExecutorModelTests
{
    [Fact]
    public void Without_temporal_the_temporal_executor_is_an_unavailable_row_and_the_rest_are_in_the_model()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var plan = new InfrastructurePlan(
            new InfrastructureChoice(InfrastructureMode.None, "no temporal here"),
            new InfrastructureChoice(InfrastructureMode.Executable, "test", "/usr/bin/redis-server"));
        var settings = new BenchAppSettings();
        var redis = builder.AddRedisStore(plan.Redis);

        var executors = builder.AddExecutors(settings, builder.AddLlm(settings.Llm), redis, temporal: null, plan);

        Assert.Equal("no temporal here", executors.Unavailable["dotnet-temporal"]);
        Assert.Equal("no temporal here", Assert.IsType<UnavailableResource>(Assert.Single(builder.Resources, r => r.Name == "dotnet-temporal")).Reason);
        Assert.Equal(["dotnet-inproc", "python-baseline", "python-langgraph", "python-adk", "python-crewai"], executors.Available.Select(e => e.Resource.Name));
        var inproc = Assert.IsType<ProjectResource>(executors.Available[0].Resource);
        var endpoint = Assert.Single(inproc.Annotations.OfType<EndpointAnnotation>());
        Assert.False(endpoint.IsProxied); // the driver measures the executor, not a proxy
    }

    [Fact]
    public void The_executor_filter_leaves_the_others_out()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var plan = new InfrastructurePlan(
            new InfrastructureChoice(InfrastructureMode.None, "no temporal here"),
            new InfrastructureChoice(InfrastructureMode.External, "test", ConnectionString: "cache:6379"));
        var settings = new BenchAppSettings { Executors = "dotnet-inproc" };

        var executors = builder.AddExecutors(settings, builder.AddLlm(settings.Llm), builder.AddRedisStore(plan.Redis), temporal: null, plan);

        Assert.Equal(["dotnet-inproc"], executors.Available.Select(e => e.Resource.Name));
        Assert.Empty(executors.Unavailable);
    }
}
