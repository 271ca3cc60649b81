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

    /// <summary>A server on a free port, or on <paramref name="port"/> to bring a stopped one back at its address.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var exe = Executable() ?? throw new InvalidOperationException(UnavailableReason());
        for (var attempt = port is null ? 0 : 2; ; attempt++)
        {
            port ??= FreePort.Get();
            var process = ChildProcess.Start(exe, ["--port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
            try
            {
                await process.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20)).ConfigureAwait(false);
                return new RedisServer(process, port.Value);
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                // The free port was taken in between; try another.
                await process.DisposeAsync().ConfigureAwait(false);
                port = null;
            }
        }
    }

    private bool _disposed;

    public int Pid => _process.Pid;

    /// <summary>SIGSTOP: the server keeps its sockets (connects still succeed) but answers nothing, like a frozen host.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: the frozen server answers again, the queued commands first.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {Pid} failed with {kill.ExitCode}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) await ThawAsync().ConfigureAwait(false); // a stopped process would not exit
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
