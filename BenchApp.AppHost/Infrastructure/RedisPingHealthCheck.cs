using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>Healthy when redis-server answers PING with +PONG (no client library needed in the AppHost).</summary>
public sealed class RedisPingHealthCheck(IResourceWithConnectionString redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await redis.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(connectionString)) return HealthCheckResult.Unhealthy("The Redis address is not allocated yet.");
        var (host, port) = ParseHostAndPort(connectionString);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Redis answered PING with '{reply.Trim()}'.");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Cannot reach Redis at {host}:{port}.", e);
        }
    }

    /// <summary>host:port from a StackExchange.Redis connection string ("host:port,option=value,...").</summary>
    public static (string Host, int Port) ParseHostAndPort(string connectionString)
    {
        var endpoint = connectionString.Split(',')[0].Trim();
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var port)
            ? (endpoint[..colon], port)
            : (endpoint, 6379);
    }
}
