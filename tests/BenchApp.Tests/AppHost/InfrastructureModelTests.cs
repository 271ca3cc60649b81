using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BenchApp.AppHost.Infrastructure;

namespace BenchApp.Tests.AppHost;

/// <summary>The resources the helpers put in the model, checked without starting anything.</summary>
public class InfrastructureModelTests
{
    private static IDistributedApplicationBuilder NewBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });

    [Fact]
    public void Redis_server_executable_has_a_loopback_endpoint_and_a_host_port_connection_string()
    {
        var builder = NewBuilder();

        var redis = builder.AddRedisStore(new InfrastructureChoice(InfrastructureMode.Executable, "test", "/usr/bin/redis-server"));

        var resource = Assert.IsType<RedisServerResource>(redis!.Resource);
        Assert.Equal("/usr/bin/redis-server", resource.Command);
        var endpoint = Assert.Single(resource.Annotations.OfType<EndpointAnnotation>());
        Assert.False(endpoint.IsProxied);
        Assert.Equal(endpoint.Port, endpoint.TargetPort);
        Assert.Equal("{redis.bindings.tcp.host}:{redis.bindings.tcp.port}", resource.ConnectionStringExpression.ValueExpression);
        Assert.Contains(resource.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "redis-ping");
    }

    [Fact]
    public void Temporal_cli_has_server_and_ui_endpoints_on_the_ports_its_arguments_name_and_a_client_health_check()
    {
        var builder = NewBuilder();

        var temporal = builder.AddTemporal(new InfrastructureChoice(InfrastructureMode.Executable, "test", "/usr/local/bin/temporal"));

        var resource = Assert.IsType<TemporalCliResource>(temporal!.Resource);
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        var args = resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>().SelectMany(a =>
        {
            var context = new CommandLineArgsCallbackContext([], resource);
            a.Callback(context).GetAwaiter().GetResult();
            return context.Args.Select(x => x.ToString()!);
        }).ToList();
        // Free ports (not the 7233/8233 a user's own dev server may hold), the same in the endpoints and the arguments.
        Assert.Equal(args[args.IndexOf("--port") + 1], endpoints["server"].TargetPort.ToString());
        Assert.Equal(args[args.IndexOf("--ui-port") + 1], endpoints["ui"].TargetPort.ToString());
        Assert.Equal(endpoints["server"].Port, endpoints["server"].TargetPort);
        Assert.Contains("frontend.enableUpdateWorkflowExecution=true", args);
        Assert.Equal("{temporal.bindings.server.host}:{temporal.bindings.server.port}", resource.ConnectionStringExpression.ValueExpression);
        Assert.Contains(resource.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "temporal-connect");
    }

    [Fact]
    public void Headless_temporal_has_no_ui_endpoint_to_link_to()
    {
        var builder = NewBuilder();
        builder.Configuration["Infrastructure:Temporal:Headless"] = "true";
        builder.Configuration["Infrastructure:Temporal:Port"] = "7411";

        var temporal = builder.AddTemporal(new InfrastructureChoice(InfrastructureMode.Executable, "test", "/usr/local/bin/temporal"));

        var endpoints = temporal!.Resource.Annotations.OfType<EndpointAnnotation>().ToList();
        Assert.Equal(7411, Assert.Single(endpoints).TargetPort);
    }

    [Fact]
    public void The_temporal_container_image_is_pinned()
    {
        var builder = NewBuilder();

        var temporal = builder.AddTemporal(new InfrastructureChoice(InfrastructureMode.Container, "test"));

        var image = Assert.Single(temporal!.Resource.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("temporalio/temporal", TemporalCliVersion.Pinned), (image.Image, image.Tag));
        Assert.NotEqual("latest", image.Tag);
    }

    [Fact]
    public async Task External_addresses_become_connection_string_resources()
    {
        var builder = NewBuilder();

        var temporal = builder.AddTemporal(new InfrastructureChoice(InfrastructureMode.External, "test", ConnectionString: "tmp.example:7233"));

        Assert.Equal("tmp.example:7233", await temporal!.Resource.GetConnectionStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Unavailable_infrastructure_is_a_dashboard_row_with_the_reason_not_a_process()
    {
        var builder = NewBuilder();

        var temporal = builder.AddTemporal(new InfrastructureChoice(InfrastructureMode.None, "no temporal here"));

        Assert.Null(temporal);
        var row = Assert.IsType<UnavailableResource>(Assert.Single(builder.Resources, r => r.Name == "temporal"));
        Assert.Equal("no temporal here", row.Reason);
        Assert.DoesNotContain(builder.Resources, r => r is ExecutableResource or ContainerResource);
    }
}
