using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BenchApp.AppHost.Driver;

/// <summary>Headless runs have no dashboard: the driver's own progress lines go to the AppHost's console instead.</summary>
public static class ConsoleLogForwarder
{
    public static IResourceBuilder<T> WithConsoleOutput<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        resource.ApplicationBuilder.Eventing.Subscribe<AfterResourcesCreatedEvent>((e, ct) =>
        {
            var logs = e.Services.GetRequiredService<ResourceLoggerService>();
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(resource.Resource).WithCancellation(stopping))
                        foreach (var line in batch)
                            Console.Out.WriteLine($"[{resource.Resource.Name}] {line.Content}");
                }
                catch (OperationCanceledException)
                {
                    // The app is stopping.
                }
            }, stopping);
            return Task.CompletedTask;
        });
        return resource;
    }
}
