using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BenchApp.AppHost;
using BenchApp.AppHost.Executors;
using BenchApp.AppHost.Infrastructure;
using BenchApp.AppHost.Llm;
using BenchApp.AppHost.NodeExecutors;
using BenchApp.Contracts.Executors;
using BenchApp.TestSupport;

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
        // Every other executor of the catalogue is in the model (the node ones only where node and npm are on PATH).
        var nodeRuns = NodeToolchain.MissingReason() is null;
        var expected = ExecutorCatalog.All
            .Where(e => e.Name != "dotnet-temporal" && (e.Start.Kind != ExecutorCatalog.Node || nodeRuns))
            .Select(e => e.Name);
        Assert.Equal(expected, executors.Available.Select(e => e.Resource.Name));
        var inproc = Assert.IsType<ProjectResource>(executors.Available.Single(e => e.Resource.Name == "dotnet-inproc").Resource);
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

    public static TheoryData<string> NodeExecutors() => [.. ExecutorCatalog.All.Where(e => e.Start.Kind == ExecutorCatalog.Node).Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(NodeExecutors))]
    public void A_node_executor_runs_node_in_its_package_after_an_install_step_from_its_lockfile(string name)
    {
        if (NodeToolchain.MissingReason() is { } reason) Assert.Skip(reason);
        var entry = ExecutorCatalog.Find(name)!;
        Assert.Equal(["llm"], entry.Needs); // the node executors keep their state in SQLite
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        var plan = new InfrastructurePlan(
            new InfrastructureChoice(InfrastructureMode.None, "no temporal here"),
            new InfrastructureChoice(InfrastructureMode.None, "no redis here"));
        var settings = new BenchAppSettings { Executors = $"{name},dotnet-inproc" };

        var executors = builder.AddExecutors(settings, builder.AddLlm(settings.Llm), redis: null, temporal: null, plan);

        // Redis missing leaves the node executor running and dotnet-inproc out.
        Assert.Equal("no redis here", executors.Unavailable["dotnet-inproc"]);
        var node = Assert.IsType<ExecutableResource>(Assert.Single(executors.Available).Resource);
        Assert.Equal(name, node.Name);
        Assert.Equal("node", node.Command);
        Assert.EndsWith(Path.Combine(entry.Start.Package!.Split('/')), node.WorkingDirectory);
        var package = RepoPaths.Combine(entry.Start.Package!.Split('/'));
        Assert.True(File.Exists(Path.Combine(package, entry.Start.Entry!)), $"{name}: {entry.Start.Entry} is missing");
        Assert.True(File.Exists(Path.Combine(package, "package-lock.json")), $"{name}: package-lock.json is missing");
        var dockerfile = NodeExecutorSpec.From(entry).Dockerfile;
        Assert.True(File.Exists(RepoPaths.Combine(dockerfile.Split('/'))), $"{name}: {dockerfile} is missing (used when the AppHost is published)");
        var install = Assert.IsType<ExecutableResource>(Assert.Single(builder.Resources, r => r.Name == $"{name}-install"));
        Assert.Equal(node.WorkingDirectory, install.WorkingDirectory);
        Assert.Contains(node.Annotations.OfType<WaitAnnotation>(), w => w.Resource == install && w.WaitType == WaitType.WaitForCompletion);
    }

    [Fact]
    public void Without_node_on_path_a_node_executor_is_an_unavailable_row_naming_node()
    {
        Assert.Contains("node is not on PATH", NodeToolchain.MissingReason(path: Path.GetTempPath()));
    }
}
