using BenchApp.Executors.Api;
using StackExchange.Redis;

namespace BenchApp.Executors.InProc;

/// <summary>
/// Every Redis call of the inproc executor, bounded by <c>Executor:StateStoreTimeout</c> and its faults named:
/// a frozen Redis (no answer in time) or a lost connection becomes <see cref="DependencyUnavailableException"/>
/// (503), never a 500 or a hang. The client's own timeouts are set to the same bound (see
/// <see cref="InProcServiceExtensions"/>); the wait here is the hard cap whatever the client does.
/// </summary>
public sealed class RedisCalls(IConnectionMultiplexer redis, TimeSpan timeout)
{
    public const string Dependency = "redis";

    public TimeSpan Timeout { get; } = timeout;

    public IDatabase Database => redis.GetDatabase();

    public async Task<T> BoundAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } detail)
        {
            Observe(call);
            throw new DependencyUnavailableException(Dependency, detail, e);
        }
    }

    public async Task BoundAsync(Task call, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } detail)
        {
            Observe(call);
            throw new DependencyUnavailableException(Dependency, detail, e);
        }
    }

    /// <summary>The detail of a Redis fault, or null for anything else (cancellation, a bug).</summary>
    private string? Describe(Exception e) => e switch
    {
        // RedisTimeoutException is a TimeoutException too. Without a connection the command waits in the
        // client's backlog until the bound: say the connection is the problem, not the server's speed.
        TimeoutException when !redis.IsConnected => $"redis is unreachable: no connection within {Seconds} s.",
        TimeoutException => $"redis did not answer within {Seconds} s.",
        RedisConnectionException c => c.FailureType == ConnectionFailureType.UnableToConnect
            ? "redis refused the connection."
            : $"redis is unreachable ({c.FailureType}).",
        RedisException r when !redis.IsConnected => $"redis is unreachable ({r.GetType().Name}).",
        _ => null,
    };

    private string Seconds => Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    // The call may still fail after the bound; nobody waits for it any more.
    private static void Observe(Task call) => call.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
}
