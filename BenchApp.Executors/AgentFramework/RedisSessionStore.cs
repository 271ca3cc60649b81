using System.Globalization;
using BenchApp.Executors.Api;
using StackExchange.Redis;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// The serialized <c>AgentSession</c> of each session as one Redis string under one key with the inproc executor's TTL:
/// read once before a turn (not for a new session), written once after it, with its expiry (SET ... EX).
/// Every call is bounded by <c>Executor:StateStoreTimeout</c>; a Redis that is down, frozen or refusing ends the run
/// with <see cref="DependencyUnavailableException"/> (503 naming redis), never a 500 or a hang.
/// Two concurrent turns of one session are not serialized: the last to finish wins, as in the other executors.
/// </summary>
public sealed class RedisSessionStore(IConnectionMultiplexer redis, string keyPrefix, TimeSpan ttl, TimeSpan timeout)
{
    public const string Dependency = "redis";

    public TimeSpan Ttl { get; } = ttl;
    public TimeSpan Timeout { get; } = timeout;

    public RedisKey Key(string sessionId) => keyPrefix + sessionId;

    /// <summary>The stored session, or null when it is unknown (never created, or expired).</summary>
    public async Task<byte[]?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        RedisValue value = await BoundAsync(redis.GetDatabase().StringGetAsync(Key(sessionId)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    public Task SaveAsync(string sessionId, byte[] session, CancellationToken cancellationToken) =>
        BoundAsync(redis.GetDatabase().StringSetAsync(Key(sessionId), session, Ttl), cancellationToken);

    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken) =>
        BoundAsync(redis.GetDatabase().PingAsync(), cancellationToken);

    private async Task<T> BoundAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } detail)
        {
            // The call may still end after the bound; nobody waits for it any more.
            _ = call.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            throw new DependencyUnavailableException(Dependency, detail, e);
        }
    }

    /// <summary>The detail of a Redis fault, or null for anything else (the caller's cancellation, a bug).</summary>
    private string? Describe(Exception e) => e switch
    {
        // Without a connection a command waits in the client's backlog until the bound: the connection is the problem.
        TimeoutException when !redis.IsConnected => $"redis is unreachable: no connection within {Seconds} s.",
        TimeoutException => $"redis did not answer within {Seconds} s.",
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect } => "redis refused the connection.",
        RedisConnectionException c => $"redis is unreachable ({c.FailureType}).",
        RedisException r when !redis.IsConnected => $"redis is unreachable ({r.GetType().Name}).",
        _ => null,
    };

    private string Seconds => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// The connection string's options with every client timeout at the state-store bound (unless the string sets its
    /// own) and a start that does not fail when Redis is down: /health says so, and the client reconnects by itself.
    /// </summary>
    public static ConfigurationOptions Configuration(string connectionString, TimeSpan timeout)
    {
        var ms = (int)Math.Ceiling(timeout.TotalMilliseconds);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        if (!HasKey(connectionString, "connectTimeout")) options.ConnectTimeout = ms;
        if (!HasKey(connectionString, "syncTimeout")) options.SyncTimeout = ms;
        if (!HasKey(connectionString, "asyncTimeout")) options.AsyncTimeout = ms;
        return options;
    }

    private static bool HasKey(string connectionString, string key) =>
        connectionString.Split(',').Any(p => p.Trim().StartsWith(key + "=", StringComparison.OrdinalIgnoreCase));
}
