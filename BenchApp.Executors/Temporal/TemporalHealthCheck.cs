using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace BenchApp.Executors.Temporal;

/// <summary>Healthy when the Temporal server answers the client's health check.</summary>
public sealed class TemporalHealthCheck(ITemporalClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var connection = client.Connection;
            if (!connection.IsConnected) await connection.ConnectAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            var healthy = await connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = timeout.Token, Timeout = TimeSpan.FromSeconds(3) })
                .ConfigureAwait(false);
            return healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The Temporal server reports it is not serving.");
        }
        catch (Exception e) // whatever the failure, the answer is "not reachable", never an exception
        {
            return HealthCheckResult.Unhealthy($"The Temporal server does not answer: {e.Message}");
        }
    }
}
