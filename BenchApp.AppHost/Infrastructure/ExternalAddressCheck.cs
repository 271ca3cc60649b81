using System.Net.Sockets;
using System.Text;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// One bounded look at a configured external Redis or Temporal when the AppHost starts, so an unreachable address
/// is reported at once (console and dashboard) instead of surfacing minutes later as executors that never get
/// healthy. Redis must answer PING (any reply, NOAUTH included, means it is there); Temporal must accept a TCP
/// connection. The run still starts: the address may come up later.
/// </summary>
public static class ExternalAddressCheck
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>What is wrong with the Redis at <paramref name="connectionString"/>, or null when it answers.</summary>
    public static async Task<string?> RedisProblemAsync(string connectionString, TimeSpan timeout)
    {
        var (host, port) = RedisPingHealthCheck.ParseHostAndPort(StripScheme(connectionString));
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return Unreachable(host, port, e, timeout);
        }
        try
        {
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cts.Token).ConfigureAwait(false);
            return read > 0 && buffer[0] is (byte)'+' or (byte)'-'
                ? null
                : $"{host}:{port} accepted a connection but gave no Redis reply to PING ({(read == 0 ? "closed" : Encoding.ASCII.GetString(buffer, 0, read).Trim())})";
        }
        catch (OperationCanceledException)
        {
            return $"{host}:{port} accepted a connection but did not answer PING within {timeout.TotalSeconds:0.#} s (frozen or not Redis)";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return $"{host}:{port} dropped the connection: {e.Message}";
        }
    }

    /// <summary>What is wrong with the Temporal frontend at <paramref name="address"/> (host:port), or null when it accepts a connection.</summary>
    public static async Task<string?> TemporalProblemAsync(string address, TimeSpan timeout)
    {
        var endpoint = StripScheme(address).TrimEnd('/');
        var colon = endpoint.LastIndexOf(':');
        var (host, port) = colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var p) ? (endpoint[..colon], p) : (endpoint, 7233);
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return Unreachable(host, port, e, timeout);
        }
    }

    private static string Unreachable(string host, int port, Exception e, TimeSpan timeout) => e switch
    {
        OperationCanceledException => $"{host}:{port} did not accept a connection within {timeout.TotalSeconds:0.#} s",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => $"{host}:{port} refused the connection",
        _ => $"{host}:{port} is unreachable: {e.Message}",
    };

    private static string StripScheme(string address) =>
        address.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? address[(at + 3)..].Split('/')[0].Split('@')[^1] : address;
}
