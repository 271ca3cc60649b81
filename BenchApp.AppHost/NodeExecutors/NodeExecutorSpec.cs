using BenchApp.Contracts.Executors;

namespace BenchApp.AppHost.NodeExecutors;

/// <summary>One Node executor: its resource name, its npm package folder (relative to the repository root) and the script it runs.</summary>
public sealed record NodeExecutorSpec(string Name, string Package, string Entry)
{
    public static NodeExecutorSpec From(ExecutorEntry entry) => new(entry.Name, entry.Start.Package!, entry.Start.Entry!);

    /// <summary>The Dockerfile used when the AppHost is published (its CMD honours $PORT).</summary>
    public string Dockerfile => $"node-executors/docker/{Name}.Dockerfile";
}
