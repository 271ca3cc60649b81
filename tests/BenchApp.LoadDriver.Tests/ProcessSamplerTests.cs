using BenchApp.LoadDriver.Measurement;
using BenchApp.TestSupport;

namespace BenchApp.LoadDriver.Tests;

/// <summary>The /proc sampler against real child processes whose memory and CPU use are known.</summary>
public sealed class ProcessSamplerTests
{
    private const long MiB = 1024;

    // Allocates N MiB and writes every page, so all of it is resident.
    private static string Hold(int mib) => $"b = bytearray({mib} * 1024 * 1024)\nb[::4096] = b'x' * len(range(0, len(b), 4096))\n";

    [Fact]
    public async Task Rss_of_a_child_holding_200_mib_is_measured()
    {
        await using var child = await PythonChild.StartAsync(Hold(200) + "import time\nprint('ready', flush=True)\ntime.sleep(120)\n");

        await using var sampler = ProcessSampler.Start(child.Pid, TimeSpan.FromMilliseconds(50));
        await Task.Delay(400, TestContext.Current.CancellationToken);
        var usage = await sampler.StopAsync();

        Assert.InRange(usage.RssAvgKb, 200 * MiB, 260 * MiB);
        Assert.InRange(usage.RssPeakKb, usage.RssAvgKb, 260 * MiB);
        Assert.True(usage.Samples >= 3, $"{usage.Samples} samples");
        Assert.Equal(1, usage.MaxProcesses);
    }

    [Fact]
    public async Task Children_are_summed_with_their_parent()
    {
        var childCode = Hold(120) + "import time\ntime.sleep(120)\n";
        await using var parent = await PythonChild.StartAsync(
            "import subprocess, sys, time\n" +
            $"p = subprocess.Popen([sys.executable, '-c', {Quote(childCode + "")}], stdout=subprocess.PIPE)\n" +
            Hold(60) +
            // Wait until the child has touched its memory before saying ready.
            "import os\n" +
            "def rss(pid):\n" +
            "    for line in open(f'/proc/{pid}/status'):\n" +
            "        if line.startswith('VmRSS:'): return int(line.split()[1])\n" +
            "while rss(p.pid) < 120 * 1024: time.sleep(0.05)\n" +
            "print('ready', flush=True)\ntime.sleep(120)\n");

        await using var sampler = ProcessSampler.Start(parent.Pid, TimeSpan.FromMilliseconds(50));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var usage = await sampler.StopAsync();

        Assert.Equal(2, usage.MaxProcesses);
        Assert.InRange(usage.RssAvgKb, 180 * MiB, 260 * MiB);
    }

    [Fact]
    public async Task The_peak_is_reset_at_the_start_of_a_window()
    {
        await using var child = await PythonChild.StartAsync(Hold(300) + "del b\nimport time\nprint('ready', flush=True)\ntime.sleep(120)\n");
        // The kernel's RSS counters are per-CPU and folded in lazily: give VmHWM a moment to show the peak.
        long rssBefore = 0, hwmBefore = 0;
        for (var i = 0; i < 20 && hwmBefore < 300 * MiB; i++)
        {
            if (i > 0) await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.True(ProcFs.TryReadMemory(child.Pid, out rssBefore, out hwmBefore));
        }
        Assert.True(hwmBefore >= 300 * MiB, $"VmHWM {hwmBefore} KiB remembers the 300 MiB");
        Assert.True(rssBefore < 100 * MiB, $"VmRSS {rssBefore} KiB after freeing");

        await using var sampler = ProcessSampler.Start(child.Pid, TimeSpan.FromMilliseconds(50), resetPeak: true);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var usage = await sampler.StopAsync();

        // Root may reset VmHWM; elsewhere the sampler says so and falls back to the sampled RSS. Either way the
        // window's peak is not the 300 MiB from before it.
        Assert.True(usage.RssPeakKb < 100 * MiB, $"peak {usage.RssPeakKb} KiB");
        if (usage.PeakSource == "sampled") Assert.Contains("could not reset VmHWM", usage.Note);
        else Assert.Equal("vmhwm", usage.PeakSource);
    }

    [Fact]
    public async Task Cpu_seconds_of_a_child_that_burns_half_a_cpu_second_are_measured()
    {
        // The child spins until its own CPU clock has advanced 0.5 s: the CPU time is fixed, however busy the
        // machine is, so the sampler's average times its window must come back to about 0.5 s.
        await using var child = await PythonChild.StartAsync(
            "import time\nprint('ready', flush=True)\ntime.sleep(0.3)\n" +
            "start = time.process_time()\nwhile time.process_time() - start < 0.5: pass\n" +
            "print('done', flush=True)\ntime.sleep(120)\n");

        await using var sampler = ProcessSampler.Start(child.Pid, TimeSpan.FromMilliseconds(100), resetPeak: false);
        await child.WaitForLineAsync("^done$", TimeSpan.FromSeconds(60));
        var usage = await sampler.StopAsync();

        var cpuSeconds = usage.CpuAvgPercent / 100 * usage.WindowSeconds;
        Assert.InRange(cpuSeconds, 0.4, 0.8);
        Assert.True(usage.CpuPeakPercent >= usage.CpuAvgPercent);
    }

    [Fact]
    public async Task A_sleeping_child_uses_almost_no_cpu()
    {
        await using var idle = await PythonChild.StartAsync("import time\nprint('ready', flush=True)\ntime.sleep(120)\n");
        await using var sampler = ProcessSampler.Start(idle.Pid, TimeSpan.FromMilliseconds(100), resetPeak: false);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var usage = await sampler.StopAsync();
        Assert.InRange(usage.CpuAvgPercent, 0, 5);
    }

    [Fact]
    public void A_pid_that_is_not_here_is_reported_unavailable()
    {
        if (!ProcFs.IsAvailable) Assert.Skip("/proc is not available: the sampler is Linux-only.");
        Assert.Contains("not a process on this machine", ProcessSampler.UnavailableReason(int.MaxValue - 7));
        Assert.Null(ProcessSampler.UnavailableReason(Environment.ProcessId));
    }

    [Fact]
    public void Stat_lines_are_parsed_after_the_last_parenthesis()
    {
        // A command name with spaces and a ')' must not shift the fields.
        const string line = "4242 (my (odd) app) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 3 0 123456 1000 200 18446744073709551615";
        Assert.True(ProcFs.TryParseStat(4242, line, out var stat));
        Assert.Equal((17, 250L, 75L, 123456L), (stat.ParentPid, stat.UserTicks, stat.SystemTicks, stat.StartTicks));
        Assert.False(ProcFs.TryParseStat(1, "garbage", out _));
    }

    [Fact]
    public void The_tree_of_this_process_contains_itself()
    {
        if (!ProcFs.IsAvailable) Assert.Skip("/proc is not available: the sampler is Linux-only.");
        Assert.Equal(Environment.ProcessId, ProcFs.Tree(Environment.ProcessId)[0]);
        Assert.True(ProcFs.StartTime(Environment.ProcessId) <= DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private static string Quote(string code) => "'" + code.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("'", "\\'") + "'";
}
