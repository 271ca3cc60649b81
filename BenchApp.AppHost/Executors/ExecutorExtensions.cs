using BenchApp.AppHost.Infrastructure;
using BenchApp.AppHost.Llm;
using BenchApp.AppHost.NodeExecutors;
using BenchApp.AppHost.PythonExecutors;
using BenchApp.Contracts.Executors;

namespace BenchApp.AppHost.Executors;

/// <summary>
/// Every executor of the catalogue (contracts/executors.json) as a resource, started by its kind and waiting for
/// what it needs; the ones that cannot run are listed with why.
/// </summary>
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
        foreach (var entry in ExecutorCatalog.All)
        {
            if (!settings.IncludesExecutor(entry.Name)) continue;
            if (entry.Requires(ExecutorCatalog.NeedsTemporal) && temporal is null)
            {
                Unavailable(entry.Name, infrastructure.Temporal.Reason);
                continue;
            }
            if (entry.Requires(ExecutorCatalog.NeedsRedis) && redis is null)
            {
                Unavailable(entry.Name, infrastructure.Redis.Reason);
                continue;
            }
            if (entry.Start.Kind == ExecutorCatalog.Node && NodeToolchain.MissingReason() is { } noNode)
            {
                Unavailable(entry.Name, noNode);
                continue;
            }

            var needs = new ExecutorNeeds(llm, redis, temporal, TemporalNamespace(builder));
            var executor = entry.Start.Kind switch
            {
                ExecutorCatalog.Dotnet => builder.AddDotnetExecutor(entry.Name, entry.Start.Executor!).WithNeeds(entry, needs),
                ExecutorCatalog.Python => builder.AddPythonExecutor(PythonExecutorSpec.From(entry)).WithNeeds(entry, needs),
                _ => builder.AddNodeExecutor(NodeExecutorSpec.From(entry)).WithNeeds(entry, needs),
            };
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

    /// <summary>What an executor may be wired to; each entry takes the parts its <c>needs</c> names.</summary>
    private sealed record ExecutorNeeds(
        LlmEndpoint Llm,
        IResourceBuilder<IResourceWithConnectionString>? Redis,
        IResourceBuilder<IResourceWithConnectionString>? Temporal,
        string TemporalNamespace);

    private static IResourceBuilder<IResourceWithEndpoints> WithNeeds<T>(this IResourceBuilder<T> executor, ExecutorEntry entry, ExecutorNeeds needs)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithEndpoints
    {
        executor.WithLlm(needs.Llm);
        if (entry.Requires(ExecutorCatalog.NeedsRedis)) executor.WithReference(needs.Redis!).WaitFor(needs.Redis!);
        if (entry.Requires(ExecutorCatalog.NeedsTemporal))
            executor.WithReference(needs.Temporal!).WaitFor(needs.Temporal!)
                .WithEnvironment("TEMPORAL_ADDRESS", needs.Temporal!.Resource.ConnectionStringExpression)
                .WithEnvironment("TEMPORAL_NAMESPACE", needs.TemporalNamespace);
        return (IResourceBuilder<IResourceWithEndpoints>)executor;
    }

    /// <summary>TEMPORAL_NAMESPACE (an existing cluster's), else the one the dev server creates, else default.</summary>
    private static string TemporalNamespace(IDistributedApplicationBuilder builder) =>
        builder.Configuration["TEMPORAL_NAMESPACE"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : builder.Configuration["Infrastructure:Temporal:Namespace"] is { Length: > 0 } configured ? configured
        : "default";

    private static IResourceBuilder<ProjectResource> AddDotnetExecutor(this IDistributedApplicationBuilder builder, string name, string kind) =>
        builder.AddProject<Projects.BenchApp_Executors>(name, launchProfileName: null)
            // Not proxied: the benchmark measures the executor, not a proxy in front of it.
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithArgs("--executor", kind)
            .WithEnvironment("Executor__Name", name)
            .WithHttpHealthCheck("/health");
}
