using System.Diagnostics;

namespace BenchApp.LoadDriver.Measurement;

/// <summary>
/// Samples a process and its children from /proc at a fixed interval while a scenario runs: CPU from the
/// utime+stime deltas, RSS summed over the tree, peak from VmHWM after resetting it at the start.
/// A child that exits keeps the CPU it was seen to use; a pid is keyed with its start time so reuse is not mixed up.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly int _root;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(int Pid, long Start), long> _lastTicks = [];
    private readonly List<(double CpuPercent, long RssKb)> _samples = [];
    private readonly long _windowStartBootTicks;
    private readonly long _startTimestamp;
    private readonly string? _resetError;
    private IReadOnlyList<int> _tree;
    private long _totalTicks;
    private long _lastSampleTimestamp;
    private long _maxHwmKb;
    private long _maxRssKb;
    private long _startRssKb;
    private long _lastRssKb;
    private int _maxProcesses;
    private int _sampleCount;
    private Task? _loop;

    private ProcessSampler(int root, TimeSpan interval, bool resetPeak)
    {
        _root = root;
        _interval = interval;
        _tree = ProcFs.Tree(root);
        if (resetPeak)
            foreach (var pid in _tree)
                if (!ProcFs.TryResetPeak(pid, out var error)) _resetError ??= $"could not reset VmHWM of pid {pid} ({error})";
        _windowStartBootTicks = ProcFs.UptimeTicks();
        _startTimestamp = _lastSampleTimestamp = Stopwatch.GetTimestamp();
        // The baseline: ticks before the window are not the window's.
        foreach (var pid in _tree)
            if (ProcFs.TryReadStat(pid, out var stat)) _lastTicks[(pid, stat.StartTicks)] = stat.CpuTicks;
        _startRssKb = _lastRssKb = ReadRss(out _);
    }

    /// <summary>Why this process cannot be sampled here, or null when it can.</summary>
    public static string? UnavailableReason(int pid) =>
        !ProcFs.IsAvailable ? "/proc is not available (not Linux)" :
        !ProcFs.Exists(pid) ? $"pid {pid} is not a process on this machine (another host or container)" :
        null;

    /// <summary>Starts sampling; <paramref name="resetPeak"/> resets VmHWM first so the peak is this window's.</summary>
    public static ProcessSampler Start(int pid, TimeSpan interval, bool resetPeak = true)
    {
        var sampler = new ProcessSampler(pid, interval, resetPeak);
        sampler._loop = sampler.RunAsync();
        return sampler;
    }

    /// <summary>The latest CPU % and RSS, for live display and the driver's gauges.</summary>
    public (double CpuPercent, long RssKb) Latest
    {
        get { lock (_samples) return _samples.Count > 0 ? _samples[^1] : (0, _lastRssKb); }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                TakeSample();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void TakeSample()
    {
        // Re-walking /proc for new children costs more than reading the known ones: do it about once a second.
        if (_sampleCount++ % Math.Max(1, (int)(TimeSpan.FromSeconds(1) / _interval)) == 0) _tree = ProcFs.Tree(_root);

        long ticks = 0;
        var live = 0;
        foreach (var pid in _tree)
        {
            if (!ProcFs.TryReadStat(pid, out var stat)) continue;
            live++;
            var key = (pid, stat.StartTicks);
            if (_lastTicks.TryGetValue(key, out var before)) ticks += stat.CpuTicks - before;
            else if (stat.StartTicks >= _windowStartBootTicks) ticks += stat.CpuTicks; // born in the window: all of it counts
            _lastTicks[key] = stat.CpuTicks;
        }
        var rss = ReadRss(out var hwm);
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastSampleTimestamp, now).TotalSeconds;
        _lastSampleTimestamp = now;
        _totalTicks += ticks;
        var cpu = seconds > 0 ? ticks / (double)ProcFs.TicksPerSecond / seconds * 100 : 0;
        lock (_samples)
        {
            _samples.Add((cpu, rss));
            _maxHwmKb = Math.Max(_maxHwmKb, hwm);
            _maxRssKb = Math.Max(_maxRssKb, rss);
            _maxProcesses = Math.Max(_maxProcesses, live);
            _lastRssKb = rss;
        }
    }

    private long ReadRss(out long hwmSum)
    {
        long rss = 0;
        hwmSum = 0;
        foreach (var pid in _tree)
            if (ProcFs.TryReadMemory(pid, out var r, out var h))
            {
                rss += r;
                hwmSum += h;
            }
        return rss;
    }

    /// <summary>Stops sampling, takes a last sample, and summarises the window.</summary>
    public async Task<ResourceUsage> StopAsync()
    {
        if (_loop is null) throw new InvalidOperationException("Not started.");
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        TakeSample();

        lock (_samples)
        {
            var window = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
            var usable = _resetError is null;
            var average = window > 0 ? _totalTicks / (double)ProcFs.TicksPerSecond / window * 100 : 0;
            // The last interval is cut short by the stop, so its rate is noisy: the peak is over whole intervals.
            // Ticks are 10 ms, so a short interval can read below the average; the peak is never below it.
            var peak = _samples.Count > 1 ? _samples.Take(_samples.Count - 1).Max(s => s.CpuPercent) : _samples.Max(s => s.CpuPercent);
            return new ResourceUsage
            {
                CpuAvgPercent = Math.Round(average, 1),
                CpuMs = Math.Round(_totalTicks * 1000.0 / ProcFs.TicksPerSecond, 1),
                CpuPeakPercent = Math.Round(Math.Max(peak, average), 1),
                RssAvgKb = (long)_samples.Average(s => s.RssKb),
                RssPeakKb = usable ? Math.Max(_maxHwmKb, _maxRssKb) : _maxRssKb,
                RssStartKb = _startRssKb,
                RssEndKb = _lastRssKb,
                PeakSource = usable ? "vmhwm" : "sampled",
                Note = usable ? null : _resetError + "; peak is the largest sampled RSS",
                Samples = _samples.Count,
                MaxProcesses = _maxProcesses,
                WindowSeconds = Math.Round(window, 3),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
