namespace BenchApp.AppHost.Llm;

/// <summary>Where executors send chat completions: the mock-llm resource, or a real provider with a secret key.</summary>
public sealed record LlmEndpoint(IResourceBuilder<ProjectResource>? Mock, string? ProviderBaseUrl, string Model, IResourceBuilder<ParameterResource>? ApiKey);
