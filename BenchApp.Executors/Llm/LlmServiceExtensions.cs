using System.Net.Http.Headers;
using BenchApp.Executors.Agent;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BenchApp.Executors.Llm;

public static class LlmServiceExtensions
{
    /// <summary>Retries by <see cref="LlmRetryPolicy"/> (the in-process executor).</summary>
    public const string ResilientClientName = "llm";

    /// <summary>Each attempt raw (Temporal activities, whose retries are Temporal's).</summary>
    public const string RawClientName = "llm-raw";

    /// <summary>The /health probe: one quick attempt.</summary>
    public const string ProbeClientName = "llm-probe";

    /// <summary>
    /// Registers the LLM HttpClients. Service defaults put the standard resilience handler on every client;
    /// these opt out of it (AddRawHttpClient) so the LLM's retry policy is ours and the same in both executors.
    /// </summary>
    public static IServiceCollection AddLlmClients(this IServiceCollection services, LlmOptions llm)
    {
        var baseAddress = BaseAddress(llm);

        services.AddRawHttpClient(ResilientClientName)
            .ConfigureHttpClient(http => Configure(http, baseAddress, llm, Timeout.InfiniteTimeSpan))
            .AddResilienceHandler("llm-retries", pipeline =>
            {
                if (llm.MaxAttempts > 1)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = llm.MaxAttempts - 1,
                        // HttpRetryStrategyOptions' default predicate: 5xx, 408, 429, HttpRequestException, attempt timeouts.
                        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                            LlmRetryPolicy.Delay(llm, args.AttemptNumber, args.Outcome.Result?.Headers.RetryAfter?.Delta)),
                    });
                }
                pipeline.AddTimeout(llm.AttemptTimeout);
            });

        services.AddRawHttpClient(RawClientName)
            .ConfigureHttpClient(http => Configure(http, baseAddress, llm, llm.AttemptTimeout));

        services.AddRawHttpClient(ProbeClientName)
            .ConfigureHttpClient(http => Configure(http, baseAddress, llm, TimeSpan.FromSeconds(2)));

        services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm");
        return services;
    }

    public static ChatCompletionClient CreateChatClient(this IHttpClientFactory factory, string clientName, IOptions<ExecutorOptions> options) =>
        new(factory.CreateClient(clientName), options.Value.Llm.Model);

    private static Uri BaseAddress(LlmOptions llm)
    {
        var url = string.IsNullOrWhiteSpace(llm.BaseUrl) ? LlmOptions.ServiceDiscoveryBaseUrl : llm.BaseUrl.Trim();
        // A base address without a trailing slash would drop its last segment (/v1) from relative URIs.
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    private static void Configure(HttpClient http, Uri baseAddress, LlmOptions llm, TimeSpan timeout)
    {
        http.BaseAddress = baseAddress;
        http.Timeout = timeout;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", llm.ApiKey);
    }
}
