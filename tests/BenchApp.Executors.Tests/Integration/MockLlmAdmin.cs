using System.Net;
using System.Net.Http.Json;
using BenchApp.Contracts.MockLlm;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>The mock LLM's admin API: per-run accounting, scripted faults, stats.</summary>
public sealed class MockLlmAdmin(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<RunStats?> RunAsync(string run, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"admin/runs/{run}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(MockLlmJsonContext.Default.RunStats, cancellationToken);
    }

    public async Task FailNextAsync(int count, string kind, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("admin/faults/fail-next", new FailNextRequest { Count = count, Kind = kind },
            MockLlmJsonContext.Default.FailNextRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<MockLlmStats> StatsAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync("admin/stats", MockLlmJsonContext.Default.MockLlmStats, cancellationToken))!;

    public async Task ResetStatsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync("admin/stats/reset", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
