using BenchApp.LoadDriver.Load;

namespace BenchApp.LoadDriver.Tests;

public sealed class LoadModelTests
{
    [Fact]
    public async Task A_closed_loop_runs_exactly_the_iterations_with_at_most_n_at_once()
    {
        int running = 0, peak = 0, runs = 0;
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();

        var result = await ClosedLoopLoad.RunAsync(7, 500, null, async (i, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            seen.Add(i);
            await Task.Delay(1);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref runs);
        }, TestContext.Current.CancellationToken);

        Assert.Equal(500, runs);
        Assert.Equal(500, result.Started);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), seen.Order());
        Assert.Equal(7, peak);
    }

    [Fact]
    public async Task A_closed_loop_with_a_duration_stops_starting_after_it()
    {
        var runs = 0;
        var result = await ClosedLoopLoad.RunAsync(2, null, TimeSpan.FromMilliseconds(200), async (_, _) =>
        {
            await Task.Delay(5);
            Interlocked.Increment(ref runs);
        }, TestContext.Current.CancellationToken);

        Assert.InRange(result.ElapsedSeconds, 0.2, 5);
        Assert.True(runs > 0);
        Assert.Equal(runs, result.Started);
    }

    [Fact]
    public async Task A_closed_loop_stops_on_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var runs = 0;
        await ClosedLoopLoad.RunAsync(3, 1_000_000, null, async (_, ct) =>
        {
            if (Interlocked.Increment(ref runs) == 50) cts.Cancel();
            await Task.Yield();
        }, cts.Token);
        Assert.InRange(runs, 50, 60);
    }

    [Fact]
    public async Task An_open_loop_drops_starts_when_every_slot_is_busy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var run = OpenLoopLoad.RunAsync(2000, 100, null, maxInFlight: 3, async (_, _, _) =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
        }, TestContext.Current.CancellationToken);
        // The schedule lasts 50 ms; the three in flight hold their slots until released.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        release.SetResult();
        var result = await run;

        Assert.Equal(3, started);
        Assert.Equal(3, result.Started);
        Assert.Equal(97, result.Dropped);
    }

    [Fact]
    public async Task An_open_loop_starts_on_schedule_and_passes_the_intended_time()
    {
        var intended = new System.Collections.Concurrent.ConcurrentBag<long>();
        var result = await OpenLoopLoad.RunAsync(100, 20, null, 100, (_, at, _) =>
        {
            intended.Add(at);
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        Assert.Equal(20, result.Started);
        Assert.Equal(0, result.Dropped);
        Assert.InRange(result.ElapsedSeconds, 0.18, 5);
        var ordered = intended.Order().ToArray();
        var periodMs = (ordered[^1] - ordered[0]) * 1000.0 / System.Diagnostics.Stopwatch.Frequency / 19;
        Assert.InRange(periodMs, 9.9, 10.1);
    }

    [Fact]
    public void Transport_failures_are_connect_errors_and_broken_replies_protocol_errors()
    {
        Assert.Equal(ErrorKind.Connect, ExecutorClient.Classify(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.Equal(ErrorKind.Connect, ExecutorClient.Classify(new HttpRequestException(HttpRequestError.NameResolutionError, "no name")));
        Assert.Equal(ErrorKind.Protocol, ExecutorClient.Classify(new HttpRequestException(HttpRequestError.InvalidResponse, "bad")));
        Assert.Equal(ErrorKind.Protocol, ExecutorClient.Classify(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
