namespace BenchApp.AppHost.Llm;

public static class LlmExtensions
{
    /// <summary>
    /// The mock LLM (default), or a real provider: then the API key is the secret parameter <c>llm-api-key</c>
    /// (Parameters:llm-api-key in user secrets or the environment), never logged and never written to results.
    /// </summary>
    public static LlmEndpoint AddLlm(this IDistributedApplicationBuilder builder, LlmSettings settings)
    {
        if (settings.IsProvider)
        {
            var apiKey = builder.AddParameter("llm-api-key", secret: true);
            return new LlmEndpoint(null, settings.BaseUrl, settings.Model, apiKey);
        }

        var mock = builder.AddProject<Projects.BenchApp_MockLlm>("mock-llm", launchProfileName: null)
            // Not proxied: the benchmark measures the executor, not a proxy in front of it.
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithHttpHealthCheck("/health");
        return new LlmEndpoint(mock, null, settings.Model, null);
    }

    /// <summary>Points an executor at the LLM: service discovery for the mock, LLM_* variables for a provider.</summary>
    public static IResourceBuilder<T> WithLlm<T>(this IResourceBuilder<T> executor, LlmEndpoint llm)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        executor.WithEnvironment("LLM_MODEL", llm.Model);
        if (llm.Mock is { } mock)
            return executor.WithReference(mock.GetEndpoint("http")).WaitFor(mock);

        return executor
            .WithEnvironment("LLM_BASE_URL", llm.ProviderBaseUrl!)
            .WithEnvironment("LLM_API_KEY", llm.ApiKey!);
    }
}
