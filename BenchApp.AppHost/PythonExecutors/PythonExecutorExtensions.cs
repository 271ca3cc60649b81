using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchApp.AppHost.PythonExecutors;

/// <summary>
/// Python executors as Aspire resources with the core APIs (Aspire.Hosting.Python is not served here):
/// <c>{name}-venv</c> makes the virtualenv, <c>{name}-install</c> installs its requirements, then the app runs
/// <c>python -m {module}</c> on the port Aspire gives it. A failed install (no package index) shows on that
/// resource with pip's output; the app then fails to start and the rest of the model runs on.
/// </summary>
public static class PythonExecutorExtensions
{
    /// <summary>
    /// Adds one executor. The caller adds what it talks to, e.g.
    /// <c>builder.AddPythonExecutor(PythonExecutorSpec.Named("python-baseline")).WithReference(mockLlm).WithReference(redis).WaitFor(mockLlm)</c>
    /// (the executor reads <c>services__mock-llm__http__0</c> and <c>ConnectionStrings__redis</c>).
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddPythonExecutor(this IDistributedApplicationBuilder builder, PythonExecutorSpec spec)
    {
        var executorsDirectory = ExecutorsDirectory(builder);
        var isWindows = OperatingSystem.IsWindows();
        var layout = PythonEnvironmentLayout.For(executorsDirectory, spec, isWindows);

        var app = builder.AddExecutable(spec.Name, layout.VenvPython, executorsDirectory, "-m", spec.Module)
            .WithHttpEndpoint(env: "PORT", isProxied: false)
            .WithEnvironment("PYTHONUNBUFFERED", "1")
            .WithOtlpExporter()
            .WithHttpHealthCheck("/health")
            .PublishAsDockerFile(container => container.WithDockerfile(Path.GetDirectoryName(executorsDirectory)!, spec.Dockerfile));

        if (!builder.ExecutionContext.IsRunMode) return app;

        var configured = builder.Configuration[PythonInterpreter.ConfigKey] ?? Environment.GetEnvironmentVariable(PythonInterpreter.EnvironmentVariable);
        var interpreter = PythonInterpreter.Find(configured, File.Exists, isWindows);
        var plan = PythonSetupPlanner.Plan(layout, PythonSetupState.Read(layout), interpreter, spec.SystemSitePackages);

        var venv = builder.AddExecutable($"{spec.Name}-venv", plan.Venv.Command, executorsDirectory, [.. plan.Venv.Args])
            .WithParentRelationship(app)
            .ExcludeFromManifest();
        var install = builder.AddExecutable($"{spec.Name}-install", plan.Install.Command, executorsDirectory, [.. plan.Install.Args])
            .WithEnvironment("PYTHONUNBUFFERED", "1")
            .WaitForCompletion(venv)
            .WithParentRelationship(app)
            .ExcludeFromManifest();
        app.WaitForCompletion(install);

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.PythonExecutors").LogInformation(
                "{Executor}: Python {Interpreter} ({Source}); {Plan}; venv {Venv}",
                spec.Name, interpreter.Path, interpreter.Source, plan.Describe(), layout.VenvDirectory);
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary><c>Python:ExecutorsDirectory</c>, else python-executors/ next to the AppHost folder.</summary>
    public static string ExecutorsDirectory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[ExecutorsDirectoryKey] ?? Path.Combine(builder.AppHostDirectory, "..", "python-executors"));

    public const string ExecutorsDirectoryKey = "Python:ExecutorsDirectory";
}
