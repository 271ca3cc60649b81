using StackExchange.Redis;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>
/// The driver's own connection to the executors' Redis (<c>ConnectionStrings__redis</c>, as the AppHost gives it
/// for crash copies), to freeze it: <c>CLIENT PAUSE ms ALL</c> holds every client's commands for that long while
/// connections stay open, as a frozen host looks to a client. The pause ends by itself.
/// </summary>
public sealed class RedisPause : IAsyncDisposable
{
    public const string ConnectionVariable = "ConnectionStrings__redis";

    private readonly ConnectionMultiplexer _redis;

    private RedisPause(ConnectionMultiplexer redis) => _redis = redis;

    /// <summary>A connection, or why there is none (no address, Redis does not answer).</summary>
    public static async Task<(RedisPause? Pause, string? Reason)> ConnectAsync(IReadOnlyDictionary<string, string?> environment)
    {
        if (environment.GetValueOrDefault(ConnectionVariable) is not { Length: > 0 } connectionString)
            return (null, $"no Redis address ({ConnectionVariable} is not set): run under the AppHost or set it");
        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AllowAdmin = true; // CLIENT is an admin command for StackExchange.Redis
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 5000;
            options.SyncTimeout = options.AsyncTimeout = 5000;
            var redis = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            return (new RedisPause(redis), null);
        }
        catch (Exception e) when (e is RedisException or ArgumentException or TimeoutException)
        {
            return (null, $"cannot reach Redis at {connectionString.Split(',')[0]}: {e.Message}");
        }
    }

    /// <summary>Freezes Redis for <paramref name="duration"/>; returns once Redis has accepted the pause.</summary>
    public async Task PauseAsync(TimeSpan duration)
    {
        var ms = (long)Math.Ceiling(duration.TotalMilliseconds);
        var reply = await _redis.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", ms, "ALL").ConfigureAwait(false);
        if (reply.ToString() != "OK") throw new InvalidOperationException($"CLIENT PAUSE answered '{reply}'.");
    }

    /// <summary>Ends a pause early (the driver was interrupted); best effort, bounded.</summary>
    public async Task UnpauseAsync()
    {
        try
        {
            await _redis.GetDatabase().ExecuteAsync("CLIENT", "UNPAUSE").WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The pause still ends by itself.
        }
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);
}
