using Microsoft.Extensions.DependencyInjection;

namespace BenchApp.AppHost.Driver;

/// <summary>Headless runs have no dashboard: the driver's own progress lines go to the AppHost's console instead.</summary>
public static class ConsoleLogForwarder
{
    public static IResourceBuilder<T> WithConsoleOutput<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        resource.ApplicationBuilder.WhenResourcesCreated(async (services, stopping) =>
        {
            var logs = services.GetRequiredService<ResourceLoggerService>();
            await foreach (var batch in logs.WatchAsync(resource.Resource).WithCancellation(stopping))
                foreach (var line in batch)
                    Console.Out.WriteLine($"[{resource.Resource.Name}] {line.Content}");
        });
        return resource;
    }
}
