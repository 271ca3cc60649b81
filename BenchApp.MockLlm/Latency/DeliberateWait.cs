using System.Diagnostics;

namespace BenchApp.MockLlm.Latency;

/// <summary>
/// The mock's deliberate waits: Task.Delay in whole milliseconds (the timer's resolution), never a busy wait,
/// and no timer at all for a wait that rounds to zero. Returns what was really waited, in ms.
/// </summary>
public static class DeliberateWait
{
    public static async ValueTask<double> DelayAsync(double ms, CancellationToken cancellationToken)
    {
        var whole = (int)Math.Round(ms, MidpointRounding.AwayFromZero);
        if (whole <= 0) return 0;
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The runtime's timers tick in whole milliseconds and may fire up to a tick early: top up until
            // the wait is within half a millisecond of the plan.
            var remaining = ms;
            do
            {
                await Task.Delay(Math.Max(1, (int)Math.Round(remaining, MidpointRounding.AwayFromZero)), cancellationToken).ConfigureAwait(false);
                remaining = ms - Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            } while (remaining >= 0.5);
        }
        catch (OperationCanceledException)
        {
            throw new WaitCancelledException(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}

/// <summary>The client went away during a wait; carries how long was waited until then.</summary>
public sealed class WaitCancelledException(double waitedMs) : OperationCanceledException("The client went away during a deliberate wait.")
{
    public double WaitedMs { get; } = waitedMs;
}
