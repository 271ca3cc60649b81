using BenchApp.LoadDriver.Measurement;
using BenchApp.TestSupport;

namespace BenchApp.LoadDriver.Tests;

/// <summary>Waiting for an executor to go quiet, against real child processes that are idle, busy, or busy for a while.</summary>
public sealed class QuietWaitTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task An_idle_process_is_quiet_after_one_interval()
    {
        await using var child = await PythonChild.StartAsync("import time\nprint('ready', flush=True)\ntime.sleep(120)\n");
        var quiet = await QuietWait.WaitAsync(child.Pid, 5, TimeSpan.FromSeconds(5), Interval, TestContext.Current.CancellationToken);
        Assert.True(quiet.Settled, $"{quiet}");
        Assert.True(quiet.LastCpuPercent < 5, $"{quiet}");
    }

    [Fact]
    public async Task A_process_that_keeps_spinning_is_not_quiet_when_the_wait_ends()
    {
        await using var child = await PythonChild.StartAsync("print('ready', flush=True)\nwhile True: pass\n");
        var quiet = await QuietWait.WaitAsync(child.Pid, 5, TimeSpan.FromSeconds(1), Interval, TestContext.Current.CancellationToken);
        Assert.False(quiet.Settled, $"{quiet}");
        Assert.True(quiet.LastCpuPercent > 30, $"{quiet}");
        Assert.True(quiet.Waited >= TimeSpan.FromSeconds(1), $"{quiet}");
    }

    [Fact]
    public async Task A_process_that_spins_then_rests_is_waited_for()
    {
        // Busy for 1.5 s after 'ready', as a runtime recompiling after a burst, then idle.
        await using var child = await PythonChild.StartAsync(
            "import time\nprint('ready', flush=True)\nend = time.monotonic() + 1.5\nwhile time.monotonic() < end: pass\ntime.sleep(120)\n");
        var quiet = await QuietWait.WaitAsync(child.Pid, 5, TimeSpan.FromSeconds(10), Interval, TestContext.Current.CancellationToken);
        Assert.True(quiet.Settled, $"{quiet}");
        Assert.True(quiet.Waited >= TimeSpan.FromSeconds(1.2), $"settled too early: {quiet}");
    }
}
