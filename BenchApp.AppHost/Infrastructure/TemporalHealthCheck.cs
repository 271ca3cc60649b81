using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>Healthy when a Temporal client can connect (the SDK asks the frontend for its system info).</summary>
public sealed class TemporalHealthCheck(IResourceWithConnectionString server, string @namespace) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var address = await server.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(address)) return HealthCheckResult.Unhealthy("The Temporal address is not allocated yet.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(address) { Namespace = @namespace })
                .WaitAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Cannot connect to Temporal at {address}.", e);
        }
    }
}
