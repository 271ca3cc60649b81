using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchApp.AppHost.Driver;

/// <summary>
/// Headless runs (run-benchmarks.sh): when the load driver ends, stop every resource and exit with the
/// driver's exit code, so a script or CI sees the benchmark's verdict.
/// </summary>
public static class HeadlessRun
{
    public static IResourceBuilder<T> StopAppWhenFinished<T>(this IResourceBuilder<T> driver) where T : IResource
    {
        driver.ApplicationBuilder.WhenResourcesCreated(async (services, stopping) =>
        {
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.Headless");
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                if (update.Resource.Name != driver.Resource.Name || ExitCodeOf(update.Snapshot) is not { } code) continue;
                logger.LogInformation("{Driver} finished with exit code {Code}; stopping every resource.", driver.Resource.Name, code);
                Environment.ExitCode = code;
                lifetime.StopApplication();
                return;
            }
        });
        return driver;
    }

    /// <summary>The code to exit with once the driver is done; null while it still runs.</summary>
    public static int? ExitCodeOf(CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.FailedToStart) return 1;
        if (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) return snapshot.ExitCode ?? 1;
        return null;
    }
}
