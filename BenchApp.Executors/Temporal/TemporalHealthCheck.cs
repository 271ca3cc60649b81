using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace BenchApp.Executors.Temporal;

/// <summary>Healthy when the Temporal server answers the client's health check (the one client of the process).</summary>
public sealed class TemporalHealthCheck(ITemporalClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await TemporalHealth.AnswersAsync(client, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("temporal does not answer its health check within 3 s.");
}
