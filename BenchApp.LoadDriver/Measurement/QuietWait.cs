using System.Diagnostics;

namespace BenchApp.LoadDriver.Measurement;

/// <summary>How waiting for an executor to go quiet ended.</summary>
/// <param name="Settled">Its process tree used less than the threshold over one interval.</param>
/// <param name="Waited">How long the wait took.</param>
/// <param name="LastCpuPercent">CPU of the last interval, % of one core.</param>
public sealed record QuietResult(bool Settled, TimeSpan Waited, double LastCpuPercent);

/// <summary>
/// Waits, before a measurement window opens, until the executor's process tree is quiet: work it does after a burst
/// (a .NET runtime's tier-1 recompilation and GC after the previous scenario ran ~2 s at 50-100 % of a core here)
/// belongs to what came before and must not be charged to the next window's runs.
/// </summary>
public static class QuietWait
{
    public static async Task<QuietResult> WaitAsync(int pid, double cpuPercent, TimeSpan max, TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var before = TreeTicks(pid);
        while (true)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            var now = TreeTicks(pid);
            // A child that exited takes its ticks with it: a negative delta is read as quiet for that interval.
            var last = Math.Max(0, now - before) / (double)ProcFs.TicksPerSecond / interval.TotalSeconds * 100;
            before = now;
            var waited = Stopwatch.GetElapsedTime(started);
            if (last < cpuPercent) return new QuietResult(true, waited, last);
            if (waited >= max) return new QuietResult(false, waited, last);
        }
    }

    private static long TreeTicks(int root)
    {
        long ticks = 0;
        foreach (var pid in ProcFs.Tree(root))
            if (ProcFs.TryReadStat(pid, out var stat)) ticks += stat.CpuTicks;
        return ticks;
    }
}
