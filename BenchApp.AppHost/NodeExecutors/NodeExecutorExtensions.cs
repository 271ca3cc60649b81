namespace BenchApp.AppHost.NodeExecutors;

/// <summary>
/// Node executors as Aspire resources: <c>{name}-install</c> runs node-executors/tools/ensure-modules.mjs in the
/// package (<c>npm ci</c> when the lockfile changed since the last install), then the app runs <c>node {entry}</c>
/// on the port Aspire gives it. A failed install shows on that resource with npm's output.
/// </summary>
public static class NodeExecutorExtensions
{
    public const string EnsureModulesScript = "../tools/ensure-modules.mjs";

    public static IResourceBuilder<ExecutableResource> AddNodeExecutor(this IDistributedApplicationBuilder builder, NodeExecutorSpec spec)
    {
        var repoRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var packageDirectory = Path.Combine(repoRoot, spec.Package);

        var app = builder.AddExecutable(spec.Name, "node", packageDirectory, spec.Entry)
            .WithHttpEndpoint(env: "PORT", isProxied: false)
            .WithEnvironment("NODE_ENV", "production")
            .WithOtlpExporter()
            .WithHttpHealthCheck("/health")
            .PublishAsDockerFile(container => container.WithDockerfile(repoRoot, spec.Dockerfile));

        if (!builder.ExecutionContext.IsRunMode) return app;

        var install = builder.AddExecutable($"{spec.Name}-install", "node", packageDirectory, EnsureModulesScript)
            .WithParentRelationship(app)
            .ExcludeFromManifest();
        return app.WaitForCompletion(install);
    }
}
