using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// Healthy when the Temporal frontend answers its gRPC health check. One connection for the resource's lifetime
/// (a TemporalConnection is not disposable): made on the first probe that reaches the server, reused after.
/// </summary>
public sealed class TemporalHealthCheck(IResourceWithConnectionString server) : IHealthCheck
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private TemporalConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var address = await server.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(address)) return HealthCheckResult.Unhealthy("The Temporal address is not allocated yet.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var connection = await ConnectionAsync(address, timeout.Token).ConfigureAwait(false);
            var serving = await connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = timeout.Token, Timeout = TimeSpan.FromSeconds(5) })
                .ConfigureAwait(false);
            return serving ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Temporal at {address} says it is not serving.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Cannot reach Temporal at {address}.", e);
        }
    }

    private async Task<TemporalConnection> ConnectionAsync(string address, CancellationToken cancellationToken)
    {
        if (_connection is { } existing) return existing;
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await TemporalConnection.ConnectAsync(new TemporalConnectionOptions(address)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }
}
