using System.Diagnostics;
using BenchApp.LoadDriver.Measurement;
using HdrHistogram;

namespace BenchApp.LoadDriver.Load;

/// <summary>
/// Starts iterations at a target rate whatever the replies do (wrk2's constant throughput, k6's arrival rate),
/// so a stall shows in the latency instead of quietly slowing the load (coordinated omission). Each iteration
/// gets its intended start time; latency measured from it is the corrected latency. When every in-flight slot
/// is busy at an intended start, that start is dropped and counted.
/// </summary>
public static class OpenLoopLoad
{
    public static async Task<LoadPhaseResult> RunAsync(
        double ratePerSecond, long? iterations, TimeSpan? duration, int maxInFlight,
        Func<long, long, CancellationToken, Task> iteration, CancellationToken cancellationToken)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond));
        if (iterations is null && duration is null) throw new ArgumentException("Give iterations or a duration.");

        var period = Stopwatch.Frequency / ratePerSecond;
        var start = Stopwatch.GetTimestamp();
        var end = duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var lag = LatencyStats.NewHistogram();
        long inFlight = 0, dropped = 0, started = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var oneMillisecond = Stopwatch.Frequency / 1000;

        async Task RunOne(long i, long intended)
        {
            try { await iteration(i, intended, cancellationToken).ConfigureAwait(false); }
            finally
            {
                if (Interlocked.Decrement(ref inFlight) == 0 && Volatile.Read(ref started) < 0) allDone.TrySetResult();
            }
        }

        for (long i = 0; iterations is not { } n || i < n; i++)
        {
            var intended = start + (long)(i * period);
            if (intended >= end || cancellationToken.IsCancellationRequested) break;

            // Timers tick in whole milliseconds and wake late, so sleep until about 1 ms before the intended start
            // and start then: at most 1 ms early (the corrected latency counts that as on time), rarely late.
            // No spinning, so the driver does not take a core from the executor it measures.
            var remaining = intended - Stopwatch.GetTimestamp() - oneMillisecond;
            if (remaining > 0)
            {
                try { await Task.Delay(TimeSpan.FromTicks(remaining * TimeSpan.TicksPerSecond / Stopwatch.Frequency), cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }

            if (Interlocked.Read(ref inFlight) >= maxInFlight)
            {
                dropped++;
                continue;
            }
            var late = Stopwatch.GetTimestamp() - intended;
            lag.RecordValue(Math.Max(0, late) * 1_000_000 / Stopwatch.Frequency);
            Interlocked.Increment(ref inFlight);
            started++;
            _ = RunOne(i, intended);
        }

        var total = started;
        // Mark "no more starts" (negative), then wait for what is in flight.
        Volatile.Write(ref started, -1);
        if (Interlocked.Read(ref inFlight) == 0) allDone.TrySetResult();
        await allDone.Task.ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new LoadPhaseResult
        {
            ElapsedSeconds = elapsed,
            Started = total,
            Dropped = dropped,
            ScheduleLagP99Ms = lag.TotalCount > 0 ? lag.GetValueAtPercentile(99) / 1000.0 : 0,
            ScheduleLagMaxMs = lag.TotalCount > 0 ? lag.GetMaxValue() / 1000.0 : 0,
            AchievedRate = elapsed > 0 ? total / elapsed : null,
        };
    }
}
