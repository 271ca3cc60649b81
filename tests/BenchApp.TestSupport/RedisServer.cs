namespace BenchApp.TestSupport;

/// <summary>A throwaway redis-server (no persistence) on a free loopback port.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string, as Aspire passes it in ConnectionStrings__redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? Executable() => ExecutableSearch.Find("redis-server");

    public static string? UnavailableReason() => Executable() is null
        ? "redis-server is not on PATH: install it (apt-get install redis-server) to run this test."
        : null;

    public static async Task<RedisServer> StartAsync()
    {
        var exe = Executable() ?? throw new InvalidOperationException(UnavailableReason());
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Get();
            var process = ChildProcess.Start(exe, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
            try
            {
                await process.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20)).ConfigureAwait(false);
                return new RedisServer(process, port);
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                // The free port was taken in between; try another.
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
