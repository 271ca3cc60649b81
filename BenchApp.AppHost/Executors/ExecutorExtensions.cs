using BenchApp.AppHost.Infrastructure;
using BenchApp.AppHost.Llm;
using BenchApp.AppHost.PythonExecutors;

namespace BenchApp.AppHost.Executors;

/// <summary>Every executor of DESIGN.md as a resource, each waiting for what it needs; the ones that cannot run are listed with why.</summary>
public static class ExecutorExtensions
{
    public static ExecutorSet AddExecutors(
        this IDistributedApplicationBuilder builder,
        BenchAppSettings settings,
        LlmEndpoint llm,
        IResourceBuilder<IResourceWithConnectionString>? redis,
        IResourceBuilder<IResourceWithConnectionString>? temporal,
        InfrastructurePlan infrastructure)
    {
        var executors = new ExecutorSet();

        if (settings.IncludesExecutor("dotnet-temporal"))
        {
            if (temporal is null)
                Unavailable("dotnet-temporal", infrastructure.Temporal.Reason);
            else
                executors.Add(builder.AddDotnetExecutor("dotnet-temporal", "temporal", llm)
                    .WithReference(temporal).WaitFor(temporal)
                    .WithEnvironment("TEMPORAL_ADDRESS", temporal.Resource.ConnectionStringExpression)
                    .WithEnvironment("TEMPORAL_NAMESPACE", TemporalNamespace(builder)));
        }

        foreach (var name in (string[])["dotnet-inproc", .. PythonExecutorSpec.All.Select(s => s.Name)])
        {
            if (!settings.IncludesExecutor(name)) continue;
            if (redis is null)
            {
                Unavailable(name, infrastructure.Redis.Reason);
                continue;
            }

            IResourceBuilder<IResourceWithEndpoints> executor = name == "dotnet-inproc"
                ? builder.AddDotnetExecutor(name, "inproc", llm).WithReference(redis).WaitFor(redis)
                : builder.AddPythonExecutor(PythonExecutorSpec.All.Single(s => s.Name == name)).WithLlm(llm).WithReference(redis).WaitFor(redis);
            executors.Add(executor);
        }

        return executors;

        // Told to the driver (it lists the executor with the reason) and shown as a dashboard row.
        void Unavailable(string name, string reason)
        {
            executors.MarkUnavailable(name, reason);
            builder.AddUnavailable(name, reason);
        }
    }

    /// <summary>TEMPORAL_NAMESPACE (an existing cluster's), else the one the dev server creates, else default.</summary>
    private static string TemporalNamespace(IDistributedApplicationBuilder builder) =>
        builder.Configuration["TEMPORAL_NAMESPACE"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : builder.Configuration["Infrastructure:Temporal:Namespace"] is { Length: > 0 } configured ? configured
        : "default";

    private static IResourceBuilder<ProjectResource> AddDotnetExecutor(this IDistributedApplicationBuilder builder, string name, string kind, LlmEndpoint llm) =>
        builder.AddProject<Projects.BenchApp_Executors>(name, launchProfileName: null)
            // Not proxied: the benchmark measures the executor, not a proxy in front of it.
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithArgs("--executor", kind)
            .WithEnvironment("Executor__Name", name)
            .WithHttpHealthCheck("/health")
            .WithLlm(llm);
}
