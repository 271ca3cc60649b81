using BenchApp.Executors.Api;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BenchApp.Executors.InProc;

public static class InProcServiceExtensions
{
    /// <summary>The in-process executor: history in Redis (<c>ConnectionStrings:redis</c>), LLM through the resilient client.</summary>
    public static IHostApplicationBuilder AddInProcExecutor(this IHostApplicationBuilder builder, ExecutorOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("The inproc executor needs Redis: set ConnectionStrings__redis (e.g. localhost:6379).");

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConfiguration(connectionString, options.StateStoreTimeout)));
        builder.Services.AddSingleton(sp => new RedisCalls(sp.GetRequiredService<IConnectionMultiplexer>(), options.StateStoreTimeout));
        builder.Services.AddSingleton<RedisHistoryStore>();
        builder.Services.AddSingleton(sp => new InProcAgentEffects(
            sp.GetRequiredService<IHttpClientFactory>().CreateChatClient(LlmServiceExtensions.ResilientClientName, sp.GetRequiredService<IOptions<ExecutorOptions>>())));
        builder.Services.AddSingleton<IAgentExecutor, InProcAgentExecutor>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisCalls.Dependency);
        return builder;
    }

    /// <summary>
    /// The connection string's options, with every client timeout at the state-store bound (a connection string
    /// may still set its own) and a start that does not fail when Redis is down: /health says so, and the client
    /// reconnects by itself.
    /// </summary>
    public static ConfigurationOptions RedisConfiguration(string connectionString, TimeSpan timeout)
    {
        var ms = (int)Math.Ceiling(timeout.TotalMilliseconds);
        var redis = ConfigurationOptions.Parse(connectionString);
        redis.AbortOnConnectFail = false;
        if (!HasKey(connectionString, "connectTimeout")) redis.ConnectTimeout = ms;
        if (!HasKey(connectionString, "syncTimeout")) redis.SyncTimeout = ms;
        if (!HasKey(connectionString, "asyncTimeout")) redis.AsyncTimeout = ms;
        return redis;
    }

    private static bool HasKey(string connectionString, string key) =>
        connectionString.Split(',').Any(p => p.Trim().StartsWith(key + "=", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Healthy when Redis answers PING within the state-store bound; else it says why, for /health's body.</summary>
public sealed class RedisHealthCheck(RedisCalls redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.BoundAsync(redis.Database.PingAsync(), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.###} ms");
        }
        catch (DependencyUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
