using BenchApp.Executors.Api;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Runtime;

namespace BenchApp.Executors.Temporal;

public static class TemporalServiceExtensions
{
    /// <summary>
    /// The Temporal executor: a client for the HTTP API and a hosted worker (workflow and activities) in this
    /// process. Address from <c>ConnectionStrings:temporal</c> or <c>TEMPORAL_ADDRESS</c>, namespace from
    /// <c>TEMPORAL_NAMESPACE</c>. The worker connects at start: without a server the process stops with the reason.
    /// </summary>
    public static IHostApplicationBuilder AddTemporalExecutor(this IHostApplicationBuilder builder, ExecutorOptions options)
    {
        var temporal = options.Temporal;
        var address = temporal.Address
            ?? throw new InvalidOperationException("The temporal executor needs a Temporal server: set ConnectionStrings__temporal or TEMPORAL_ADDRESS (host:port).");
        var runtime = TemporalRuntimes.FromOpenTelemetryEnvironment(builder.Configuration);

        builder.Services.AddSingleton<ITemporalClient>(sp => TemporalClient.CreateLazy(new TemporalClientConnectOptions(address)
        {
            Namespace = temporal.Namespace,
            Runtime = runtime,
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
        }));

        builder.Services.AddHostedTemporalWorker(address, temporal.Namespace, temporal.TaskQueue)
            .ConfigureOptions(o =>
            {
                o.ClientOptions!.Runtime = runtime;
                // Many sessions wait on the LLM at once: let a worker hold as many activities as the load needs.
                o.MaxConcurrentActivities = 1000;
            })
            .AddSingletonActivities<AgentActivities>()
            .AddWorkflow<AgentWorkflow>();

        builder.Services.AddHostedService<TemporalWorkerWatch>();
        builder.Services.AddSingleton<IAgentExecutor, TemporalAgentExecutor>();
        builder.Services.AddHealthChecks().AddCheck<TemporalHealthCheck>("temporal");
        return builder;
    }
}

/// <summary>The Temporal SDK's own metrics (worker, client, workflow task latencies) over OTLP when the dashboard collects them.</summary>
public static class TemporalRuntimes
{
    public static TemporalRuntime? FromOpenTelemetryEnvironment(IConfiguration configuration)
    {
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint)) return null;

        var otlp = new OpenTelemetryOptions(new Uri(endpoint))
        {
            Headers = ParseHeaders(configuration["OTEL_EXPORTER_OTLP_HEADERS"]),
            Protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true
                ? OpenTelemetryProtocol.Http
                : OpenTelemetryProtocol.Grpc,
        };
        return new TemporalRuntime(new TemporalRuntimeOptions
        {
            Telemetry = new TelemetryOptions { Metrics = new MetricsOptions(otlp) },
        });
    }

    /// <summary>OTEL_EXPORTER_OTLP_HEADERS: <c>k1=v1,k2=v2</c> with URL-encoded values (Aspire sends the dashboard's API key so).</summary>
    public static IReadOnlyCollection<KeyValuePair<string, string>> ParseHeaders(string? headers)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in (headers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            result.Add(new(Uri.UnescapeDataString(pair[..eq].Trim()), Uri.UnescapeDataString(pair[(eq + 1)..].Trim())));
        }
        return result;
    }
}
