namespace BenchApp.Executors;

public static class ExecutorRunExtensions
{
    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the executor until it stops. A hosted service that fails while the host is still starting (the Temporal
    /// worker with no server at the address) stops it mid-start, and Kestrel's cancelled bind then escapes Run. That is
    /// a failed start, exit code 1, not an unhandled exception that aborts the process (134). The background services
    /// that were running get a bounded moment to finish first: they log why (TemporalWorkerWatch names the reason).
    /// </summary>
    public static void RunExecutor(this WebApplication app)
    {
        // Resolved before Run: the provider is disposed when Run ends.
        var background = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        try
        {
            app.Run();
        }
        catch (OperationCanceledException)
        {
            var running = background.Select(s => s.ExecuteTask).OfType<Task>().ToArray();
            try { Task.WaitAll(running, ReportWait); } catch (AggregateException) { /* their failures are logged by the host */ }
            if (Environment.ExitCode == 0) Environment.ExitCode = 1;
        }
    }
}
