using BenchApp.Executors.Agent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BenchApp.Executors.InProc;

/// <summary>
/// A session's history as one Redis string (JSON) under one key with a TTL: read once at the start of a turn
/// (not at all for a new session) and written once, atomically with its expiry (SET ... EX), at the end.
/// Two concurrent turns of one session are not serialized: the last to finish wins, as in the Python baseline.
/// Each call is bounded by <see cref="RedisCalls"/> (503 <c>dependency-unavailable</c> past it).
/// </summary>
public sealed class RedisHistoryStore(RedisCalls redis, IOptions<ExecutorOptions> options)
{
    private readonly string _prefix = options.Value.Redis.KeyPrefix;
    private readonly TimeSpan _ttl = options.Value.Redis.SessionTtl;

    /// <summary>The history, or null when the session is unknown (never created, or expired).</summary>
    public async Task<List<ChatMessage>?> LoadAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        using var lease = await redis.BoundAsync(redis.Database.StringGetLeaseAsync(Key(sessionId)), cancellationToken).ConfigureAwait(false);
        return lease is null ? null : HistoryJson.Deserialize(lease.Span);
    }

    /// <summary>Writes the whole history (one SET); returns the bytes written, which are also the session's stored size.</summary>
    public async Task<long> SaveAsync(string sessionId, List<ChatMessage> history, CancellationToken cancellationToken = default)
    {
        var value = HistoryJson.Serialize(history);
        await redis.BoundAsync(redis.Database.StringSetAsync(Key(sessionId), value, _ttl), cancellationToken).ConfigureAwait(false);
        return value.Length;
    }

    public RedisKey Key(string sessionId) => _prefix + sessionId;
}
