using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>Adds Temporal and Redis to the model the way <see cref="InfrastructurePlanner"/> decided.</summary>
public static class InfrastructureExtensions
{
    /// <summary>Probes the machine once and logs the decision when the app starts.</summary>
    public static InfrastructurePlan PlanInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var probe = InfrastructureProbeReader.Read(builder.Configuration, publishMode: builder.ExecutionContext.IsPublishMode);
        var plan = new InfrastructurePlan(InfrastructurePlanner.ChooseTemporal(probe), InfrastructurePlanner.ChooseRedis(probe));
        var unreachable = builder.ExecutionContext.IsPublishMode ? [] : CheckExternal(plan);
        foreach (var (name, reason) in unreachable) builder.AddUnavailable($"{name}-unreachable", reason);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.Infrastructure");
            Log(logger, "temporal", plan.Temporal);
            Log(logger, "redis", plan.Redis);
            foreach (var (name, reason) in unreachable) logger.LogWarning("{Resource}: {Reason}", name, reason);
            return Task.CompletedTask;
        });
        return plan;
    }

    /// <summary>A configured external Redis or Temporal that does not answer now, checked once (both at the same time, a few seconds at most).</summary>
    private static List<(string Name, string Reason)> CheckExternal(InfrastructurePlan plan)
    {
        var timeout = ExternalAddressCheck.DefaultTimeout;
        var redis = plan.Redis.Mode == InfrastructureMode.External
            ? ExternalAddressCheck.RedisProblemAsync(plan.Redis.ConnectionString!, timeout) : Task.FromResult<string?>(null);
        var temporal = plan.Temporal.Mode == InfrastructureMode.External
            ? ExternalAddressCheck.TemporalProblemAsync(plan.Temporal.ConnectionString!, timeout) : Task.FromResult<string?>(null);
        Task.WhenAll(redis, temporal).GetAwaiter().GetResult(); // the app model is built synchronously; each check is bounded
        var found = new List<(string, string)>();
        if (redis.Result is { } r) found.Add(("redis", $"The external Redis ({InfrastructurePlanner.RedactPassword(plan.Redis.ConnectionString!)}) is unreachable at start: {r}. Executors that keep state in it will not get healthy until it answers."));
        if (temporal.Result is { } t) found.Add(("temporal", $"The external Temporal ({plan.Temporal.ConnectionString}) is unreachable at start: {t}. dotnet-temporal will not get healthy until it answers."));
        return found;
    }

    /// <summary>The Temporal server as a resource with a connection string, or null (with a dashboard row saying why).</summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddTemporal(this IDistributedApplicationBuilder builder, InfrastructureChoice choice, string name = "temporal")
    {
        var options = builder.Configuration.GetSection("Infrastructure:Temporal").Get<TemporalServerOptions>() ?? new();
        // Free ports unless configured: a user's own dev server often holds 7233/8233.
        var port = options.Port ?? LoopbackPort.Free();
        var uiPort = options.UiPort ?? LoopbackPort.Free();
        IResourceBuilder<IResourceWithConnectionString> temporal;
        switch (choice.Mode)
        {
            case InfrastructureMode.External:
                temporal = builder.AddConnectionString(name, ReferenceExpression.Create($"{choice.ConnectionString!}"));
                return temporal;
            case InfrastructureMode.Executable:
                var cli = builder.AddResource(new TemporalCliResource(name, choice.ExecutablePath!, builder.AppHostDirectory))
                    .WithArgs([.. TemporalCliArguments.Build(options, port, uiPort, choice.ExecutableVersion)])
                    .WithEndpoint(name: TemporalCliResource.ServerEndpoint, port: port, targetPort: port, scheme: "tcp", isProxied: false)
                    .ExcludeFromManifest();
                if (!options.Headless)
                    cli.WithHttpEndpoint(name: TemporalCliResource.UiEndpoint, port: uiPort, targetPort: uiPort, isProxied: false)
                        .WithUrlForEndpoint(TemporalCliResource.UiEndpoint, url => url.DisplayText = "Temporal UI");
                temporal = cli;
                break;
            case InfrastructureMode.Container:
                var container = builder.AddResource(new TemporalContainerResource(name))
                    .WithImage(options.ContainerImage, options.ContainerTag)
                    .WithArgs([.. TemporalCliArguments.Build(options, port, uiPort, Version.TryParse(options.ContainerTag, out var tag) ? tag : null, inContainer: true)])
                    .WithEndpoint(name: TemporalCliResource.ServerEndpoint, port: port, targetPort: port, scheme: "tcp");
                if (!options.Headless)
                    container.WithHttpEndpoint(name: TemporalCliResource.UiEndpoint, port: uiPort, targetPort: uiPort)
                        .WithUrlForEndpoint(TemporalCliResource.UiEndpoint, url => url.DisplayText = "Temporal UI");
                temporal = container;
                break;
            default:
                builder.AddUnavailable(name, choice.Reason);
                return null;
        }

        // One check instance, so its one connection is reused by every probe.
        var check = $"{name}-connect";
        var healthCheck = new TemporalHealthCheck(temporal.Resource);
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            check, _ => healthCheck, failureStatus: null, tags: null));
        return temporal.WithHealthCheck(check);
    }

    /// <summary>Redis as a resource with a connection string, or null (with a dashboard row saying why).</summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddRedisStore(this IDistributedApplicationBuilder builder, InfrastructureChoice choice, string name = "redis")
    {
        switch (choice.Mode)
        {
            case InfrastructureMode.External:
                return builder.AddConnectionString(name, ReferenceExpression.Create($"{choice.ConnectionString!}"));
            case InfrastructureMode.Container:
                return builder.AddRedis(name);
            case InfrastructureMode.Executable:
                var port = builder.Configuration.GetValue<int?>("Infrastructure:Redis:Port") ?? LoopbackPort.Free();
                var redis = builder.AddResource(new RedisServerResource(name, choice.ExecutablePath!, builder.AppHostDirectory))
                    .WithArgs([.. RedisServerArguments.Build(port)])
                    .WithEndpoint(name: RedisServerResource.Endpoint, port: port, targetPort: port, scheme: "tcp", isProxied: false)
                    .ExcludeFromManifest();
                var check = $"{name}-ping";
                builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                    check, _ => new RedisPingHealthCheck(redis.Resource), failureStatus: null, tags: null));
                return redis.WithHealthCheck(check);
            default:
                builder.AddUnavailable(name, choice.Reason);
                return null;
        }
    }

    /// <summary>A dashboard row in a warning state that says why a resource is missing.</summary>
    public static IResourceBuilder<UnavailableResource> AddUnavailable(this IDistributedApplicationBuilder builder, string name, string reason) =>
        builder.AddResource(new UnavailableResource(name, reason))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Unavailable",
                State = new ResourceStateSnapshot("Unavailable", KnownResourceStateStyles.Warn),
                Properties = [new ResourcePropertySnapshot("Reason", reason)],
            })
            .ExcludeFromManifest();

    private static void Log(ILogger logger, string name, InfrastructureChoice choice)
    {
        if (choice.IsAvailable) logger.LogInformation("{Resource}: {Choice}", name, choice.Reason);
        else logger.LogWarning("{Resource}: {Reason}", name, choice.Reason);
    }
}

/// <summary>The decisions for the whole run.</summary>
public sealed record InfrastructurePlan(InfrastructureChoice Temporal, InfrastructureChoice Redis);
