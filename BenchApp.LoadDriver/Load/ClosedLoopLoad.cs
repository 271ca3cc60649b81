using System.Diagnostics;

namespace BenchApp.LoadDriver.Load;

/// <summary>
/// N workers; each starts the next iteration when its previous one ends. Runs a count of iterations or
/// until a duration has passed (iterations under way then finish). Latency is from each request's own start.
/// </summary>
public static class ClosedLoopLoad
{
    public static async Task<LoadPhaseResult> RunAsync(
        int workers, long? iterations, TimeSpan? duration,
        Func<long, CancellationToken, Task> iteration, CancellationToken cancellationToken)
    {
        if (iterations is null && duration is null) throw new ArgumentException("Give iterations or a duration.");
        if (iterations is { } n && n <= 0) return new LoadPhaseResult();
        var count = iterations is { } total ? (int)Math.Min(workers, total) : workers;

        long next = -1, started = 0;
        var start = Stopwatch.GetTimestamp();
        var deadline = duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;

        async Task Worker()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (iterations is { } max && i >= max) break;
                if (Stopwatch.GetTimestamp() >= deadline) break;
                Interlocked.Increment(ref started);
                await iteration(i, cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(Worker, CancellationToken.None))).ConfigureAwait(false);
        return new LoadPhaseResult { ElapsedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds, Started = Interlocked.Read(ref started) };
    }
}
