using System.Net.Http.Json;
using BenchApp.Contracts.MockLlm;

namespace BenchApp.LoadDriver.MockLlm;

/// <summary>
/// The mock LLM's admin API as the driver uses it: set each scenario's latency model, then read back what
/// the mock waited for every run (<c>run=</c> id), so overhead = latency - wait - tool delays is measured,
/// not assumed.
/// </summary>
public sealed class MockLlmAdmin(HttpClient http, Uri baseUri)
{
    /// <summary>Ids per /admin/runs?ids= query: keeps the request line well under Kestrel's 8 KiB.</summary>
    private const int IdsPerQuery = 250;

    public Uri BaseUri { get; } = baseUri;

    /// <summary>Null when the admin API answers; else why not (a real provider has none).</summary>
    public async Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(BaseUri, MockLlmApi.ConfigPath.TrimStart('/')), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return $"GET {MockLlmApi.ConfigPath} answered {(int)response.StatusCode}";
            await response.Content.ReadFromJsonAsync(MockLlmJsonContext.Default.MockLlmConfig, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return $"GET {new Uri(BaseUri, MockLlmApi.ConfigPath.TrimStart('/'))} failed: {e.Message}";
        }
    }

    public async Task SetConfigAsync(MockLlmConfig config, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(new Uri(BaseUri, MockLlmApi.ConfigPath.TrimStart('/')), config,
            MockLlmJsonContext.Default.MockLlmConfig, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT {MockLlmApi.ConfigPath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
    }

    /// <summary>The mock's accounting for each known id; unknown ids are absent from the result.</summary>
    public async Task<IReadOnlyDictionary<string, RunStats>> GetRunsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, RunStats>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            var uri = new Uri(BaseUri, $"{MockLlmApi.RunsPath.TrimStart('/')}?ids={string.Join(',', chunk)}");
            var list = await http.GetFromJsonAsync(uri, MockLlmJsonContext.Default.RunStatsList, cancellationToken).ConfigureAwait(false);
            foreach (var run in list?.Runs ?? []) result[run.Run] = run;
        }
        return result;
    }

    /// <summary>How the mock was compiled, from <c>GET /admin/stats</c>; null when it does not say.</summary>
    public async Task<string?> GetBuildAsync(CancellationToken cancellationToken)
    {
        var stats = await http.GetFromJsonAsync(new Uri(BaseUri, MockLlmApi.StatsPath.TrimStart('/')), MockLlmJsonContext.Default.MockLlmStats, cancellationToken).ConfigureAwait(false);
        return stats?.Build;
    }

    /// <summary>Forgets every run, so each scenario's accounting starts empty.</summary>
    public async Task ClearRunsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri(BaseUri, MockLlmApi.RunsPath.TrimStart('/')), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="count"/> completions fail with <paramref name="kind"/> (error, rate_limit, hang).</summary>
    public async Task FailNextAsync(int count, string kind, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(BaseUri, MockLlmApi.FailNextPath.TrimStart('/')),
            new FailNextRequest { Count = count, Kind = kind }, MockLlmJsonContext.Default.FailNextRequest, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {MockLlmApi.FailNextPath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
    }
}
