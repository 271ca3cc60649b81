using System.Diagnostics;
using System.IO.Pipelines;
using BenchApp.MockLlm.Latency;

namespace BenchApp.MockLlm.Streaming;

/// <summary>
/// Paces a streamed reply on the latency plan: the first chunk at the time to first token, token k at
/// ttft + k * per_token, measured from the start of the wait, so small per-token times are batched rather
/// than lost to timer resolution. Whatever is ready is flushed before each sleep. With zero latency every
/// call completes synchronously.
/// </summary>
public sealed class TokenPacer(LatencyPlan plan, PipeWriter output, CancellationToken cancellationToken)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>
    /// The deliberate wait so far, ms: from the start of the schedule to the end of its latest timer. Writing
    /// between tokens happens inside that span, so it matches the unstreamed wait of the same plan.
    /// </summary>
    public double WaitedMs { get; private set; }

    /// <summary>When the first chunk was released (Stopwatch timestamp), 0 before.</summary>
    public long FirstChunkTimestamp { get; private set; }

    /// <summary>Waits until token <paramref name="k"/> is due (0 = the first chunk).</summary>
    public ValueTask BeforeTokenAsync(int k)
    {
        if (plan.IsZero)
        {
            if (k == 0) FirstChunkTimestamp = Stopwatch.GetTimestamp();
            return ValueTask.CompletedTask;
        }
        var remaining = plan.DueMs(k) - Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        if (remaining < 0.5)
        {
            if (k == 0) FirstChunkTimestamp = Stopwatch.GetTimestamp();
            return ValueTask.CompletedTask;
        }
        return WaitAsync(k, remaining);
    }

    private async ValueTask WaitAsync(int k, double remainingMs)
    {
        // Before the first chunk nothing is written yet: flushing would send the headers early.
        if (k > 0) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DeliberateWait.DelayAsync(remainingMs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WaitedMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        }
        if (k == 0) FirstChunkTimestamp = Stopwatch.GetTimestamp();
    }
}
