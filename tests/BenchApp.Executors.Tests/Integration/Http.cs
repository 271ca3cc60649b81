using System.Net;
using System.Net.Http.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Tests.Integration;

internal static class Http
{
    public static async Task<RunResponse> ReadRunAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<RunResponse>(body, ContractJson.Options)!;
    }

    public static async Task<ProblemBody> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == expected, $"expected HTTP {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemBody.ContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemBody>(body, ContractJson.Options)!;
        Assert.Equal((int)expected, problem.Status);
        Assert.DoesNotContain("   at ", body); // never a stack trace
        return problem;
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string body, string contentType, CancellationToken cancellationToken) =>
        http.PostAsync("v1/runs", new StringContent(body, System.Text.Encoding.UTF8, contentType), cancellationToken);
}
