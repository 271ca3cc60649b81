using BenchApp.AppHost.Executors;
using BenchApp.AppHost.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace BenchApp.AppHost.Driver;

public static class LoadDriverExtensions
{
    /// <summary>The scenarios a dashboard command can run on its own.</summary>
    public static readonly string[] Scenarios = ["simple-chat", "tool-execution", "multi-turn", "agent-loop", "concurrent"];

    /// <summary>
    /// The load driver: runs the suite once the mock LLM is healthy, against every executor in the model (it waits
    /// for each one's /health itself, so a failed executor is reported unavailable instead of blocking the run).
    /// Headless: the app stops when it finishes. Dashboard: it then serves the latest report, and commands run
    /// one scenario or the whole suite again.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddLoadDriver(
        this IDistributedApplicationBuilder builder, BenchAppSettings settings, LlmEndpoint llm, ExecutorSet executors,
        IResourceBuilder<IResourceWithConnectionString>? redis, IResourceBuilder<IResourceWithConnectionString>? temporal)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var request = new DriverRunRequest(settings, repositoryRoot);
        var executorNames = executors.Available.Select(e => e.Resource.Name).ToArray();
        var statusDirectory = ResourceFailureReporter.Watch(builder, executorNames);

        var driver = builder.AddProject<Projects.BenchApp_LoadDriver>("load-driver", launchProfileName: null)
            .WithArgs(context =>
            {
                foreach (var argument in request.Arguments()) context.Args.Add(argument);
            })
            .WithEnvironment(ResourceFailureReporter.DirectoryVariable, statusDirectory);

        if (llm.Mock is { } mock) driver.WithReference(mock.GetEndpoint("http")).WaitFor(mock);
        foreach (var executor in executors.Available)
            driver.WithReference(new EndpointReference(executor.Resource, "http"));
        foreach (var (name, reason) in executors.Unavailable)
            driver.WithEnvironment($"BENCH_UNAVAILABLE__{name}", reason);
        // crash-recovery starts its own copies of the executors: they inherit the driver's environment.
        if (redis is not null) driver.WithReference(redis);
        if (temporal is not null) driver.WithReference(temporal).WithEnvironment("TEMPORAL_ADDRESS", temporal.Resource.ConnectionStringExpression);

        if (settings.Headless) return driver.WithConsoleOutput().StopAppWhenFinished();

        driver.WithHttpEndpoint(name: "http")
            .WithUrlForEndpoint("http", url =>
            {
                url.Url = "/report";
                url.DisplayText = "Latest report";
            })
            .WithDriverCommand("run-suite", "Run the suite again", request, []);
        foreach (var scenario in Scenarios)
            driver.WithDriverCommand($"run-{scenario}", $"Run {scenario}", request, [scenario]);
        if (temporal?.Resource is IResourceWithEndpoints temporalServer && temporalServer.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == "ui"))
            driver.WithUrl(ReferenceExpression.Create($"{new EndpointReference(temporalServer, "ui")}"), "Temporal UI");
        return driver;
    }

    /// <summary>A dashboard command that sets the next run's scenarios and restarts the driver.</summary>
    private static IResourceBuilder<ProjectResource> WithDriverCommand(
        this IResourceBuilder<ProjectResource> driver, string name, string displayName, DriverRunRequest request, string[] scenarios) =>
        driver.WithCommand(name, displayName, async context =>
        {
            request.Scenarios = scenarios;
            var commands = context.Services.GetRequiredService<ResourceCommandService>();
            return await commands.ExecuteCommandAsync(context.ResourceName, KnownResourceCommands.RestartCommand, context.CancellationToken);
        }, new CommandOptions
        {
            Description = scenarios.Length == 0 ? "Runs every scenario of the configured suite again." : $"Runs only {scenarios[0]} against every executor.",
            IconName = "Play",
        });
}
