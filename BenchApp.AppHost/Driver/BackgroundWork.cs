using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BenchApp.AppHost.Driver;

/// <summary>What the AppHost does beside its resources (watching their states and logs) until it stops.</summary>
public static class BackgroundWork
{
    /// <summary>Starts <paramref name="work"/> once the resources exist, with the app's stopping token.</summary>
    public static void WhenResourcesCreated(this IDistributedApplicationBuilder builder, Func<IServiceProvider, CancellationToken, Task> work) =>
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((e, _) =>
        {
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            Run(() => work(e.Services, stopping), stopping);
            return Task.CompletedTask;
        });

    /// <summary>Runs on the thread pool; cancellation (the app stopping) ends it quietly.</summary>
    public static void Run(Func<Task> work, CancellationToken stopping) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The app is stopping.
            }
        }, stopping);
}
