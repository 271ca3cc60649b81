using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BenchApp.Executors.InProc;

public static class InProcServiceExtensions
{
    /// <summary>The in-process executor: history in Redis (<c>ConnectionStrings:redis</c>), LLM through the resilient client.</summary>
    public static IHostApplicationBuilder AddInProcExecutor(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("The inproc executor needs Redis: set ConnectionStrings__redis (e.g. localhost:6379).");

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var redis = ConfigurationOptions.Parse(connectionString);
            // Start even when Redis is down; /health says so, and the client reconnects by itself.
            redis.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(redis);
        });
        builder.Services.AddSingleton<RedisHistoryStore>();
        builder.Services.AddSingleton(sp => new InProcAgentEffects(
            sp.GetRequiredService<IHttpClientFactory>().CreateChatClient(LlmServiceExtensions.ResilientClientName, sp.GetRequiredService<IOptions<ExecutorOptions>>())));
        builder.Services.AddSingleton<IAgentExecutor, InProcAgentExecutor>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }
}

/// <summary>Healthy when Redis answers PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.###} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer: {e.Message}");
        }
    }
}
