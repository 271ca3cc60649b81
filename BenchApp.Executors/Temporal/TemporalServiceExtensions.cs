using BenchApp.Executors.Api;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace BenchApp.Executors.Temporal;

public static class TemporalServiceExtensions
{
    /// <summary>
    /// The Temporal executor: one client (HTTP API, health check and the hosted worker share its connection) and
    /// a hosted worker (workflow and activities) in this process, tuned by <see cref="TemporalTuning"/>, traced by
    /// <see cref="TemporalTracingInterceptor"/>. Address from <c>ConnectionStrings:temporal</c> or
    /// <c>TEMPORAL_ADDRESS</c>, namespace from <c>TEMPORAL_NAMESPACE</c>. The worker connects at start: without a
    /// server the process stops with the reason.
    /// </summary>
    public static IHostApplicationBuilder AddTemporalExecutor(this IHostApplicationBuilder builder, ExecutorOptions options)
    {
        var temporal = options.Temporal;
        var address = temporal.Address
            ?? throw new InvalidOperationException("The temporal executor needs a Temporal server: set ConnectionStrings__temporal or TEMPORAL_ADDRESS (host:port).");

        builder.Services.AddSingleton<TemporalSdkTelemetry>();
        builder.Services.AddTemporalClient(address, temporal.Namespace)
            .Configure<TemporalSdkTelemetry>((client, telemetry) =>
            {
                client.Runtime = telemetry.Runtime;
                client.DataConverter = AgentPayloads.Converter;
                client.Interceptors = [new TemporalTracingInterceptor()];
            });

        builder.Services.AddHostedTemporalWorker(temporal.TaskQueue)
            .ConfigureOptions(o => TemporalTuning.Apply(o, temporal))
            .AddSingletonActivities<AgentActivities>()
            .AddWorkflow<AgentWorkflow>();

        builder.Services.AddHostedService<TemporalWorkerWatch>();
        builder.Services.AddSingleton<IAgentExecutor, TemporalAgentExecutor>();
        builder.Services.AddHealthChecks().AddCheck<TemporalHealthCheck>("temporal");
        return builder;
    }
}
