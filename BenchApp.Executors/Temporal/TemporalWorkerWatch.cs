using Temporalio.Extensions.Hosting;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The hosted worker stops the host when it fails (no server at the address, say) but the process would still exit
/// with 0, which the AppHost shows as a clean finish. This makes such an exit a failure, with the reason logged once.
/// </summary>
internal sealed partial class TemporalWorkerWatch(IServiceProvider services, ILogger<TemporalWorkerWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved now, not in the constructor: this service is one of them. Hosted services start in order, the worker first.
        var workers = services.GetServices<IHostedService>().OfType<TemporalWorkerService>().Select(w => w.ExecuteTask).OfType<Task>().ToArray();
        // The host stops as soon as a worker fails, cancelling this wait: look at the workers either way.
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed)
        {
            Environment.ExitCode = 1;
            LogWorkerFailed(logger, failed.Exception!.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Temporal worker stopped, so the executor stops: {Reason}")]
    private static partial void LogWorkerFailed(ILogger logger, string reason);
}
