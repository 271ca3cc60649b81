using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BenchApp.Executors.Llm;

/// <summary>Healthy when the LLM endpoint answers <c>GET {base}/models</c>.</summary>
public sealed class LlmHealthCheck(IHttpClientFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await factory.CreateClient(LlmServiceExtensions.ProbeClientName)
                .GetAsync("models", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET models: HTTP {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The LLM endpoint does not answer: {e.Message}");
        }
    }
}
