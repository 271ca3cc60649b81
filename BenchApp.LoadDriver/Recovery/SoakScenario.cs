using System.Diagnostics;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>
/// soak: an open loop (starts at a fixed rate, latency from the intended start) at a share of each executor's peak
/// throughput measured earlier in this run, for a long time, with the process tree sampled throughout. The numbers
/// that matter are rates of change: RSS MiB per hour and p99 from the first to the last minute.
/// </summary>
public sealed class SoakScenario(HttpClient http, MockLlmAdmin? mock, BenchmarkConfig config, IRunProgress progress)
{
    public const string Name = "soak";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly RunIds _runIds = new();

    public async Task<SoakResult> RunAsync(ExecutorStatus executor, BenchmarkResults soFar, CancellationToken cancellationToken)
    {
        var settings = config.Soak;
        var scenario = ScenarioCatalog.Resolve(new ScenarioConfig { Name = settings.Scenario });
        var (rate, source, peak) = Rate(executor.Name, soFar, settings);
        var duration = TimeSpan.FromSeconds(settings.DurationSeconds);
        if (mock is not null)
            await mock.SetConfigAsync(new MockLlmConfig { Latency = new LatencyConfig(), Faults = new FaultConfig(), Seed = config.Seed }, cancellationToken).ConfigureAwait(false);

        var client = new ExecutorClient(http, executor.Target.Url!, TimeSpan.FromSeconds(config.Driver.RequestTimeoutSeconds));
        var turns = new List<(double StartSeconds, double CorrectedMs, ErrorKind Error)>();
        var rss = new List<(double Seconds, long Kb)>();
        ProcessSampler? sampler = executor.SamplingPid is { } pid ? ProcessSampler.Start(pid, TimeSpan.FromMilliseconds(config.Driver.SampleIntervalMs)) : null;
        using var phase = progress.Begin(executor.Name, $"{Name} {rate:0.#}/s", (long)(rate * settings.DurationSeconds));
        var origin = Stopwatch.GetTimestamp();
        using var stopSampling = new CancellationTokenSource();
        var rssLoop = sampler is null ? Task.CompletedTask : Task.Run(async () =>
        {
            // The sampler's latest reading, once per sampling interval, with its time: the series the slope is fitted to.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(config.Driver.SampleIntervalMs));
            try
            {
                while (await timer.WaitForNextTickAsync(stopSampling.Token).ConfigureAwait(false))
                    if (sampler.Latest.RssKb > 0) lock (rss) rss.Add((Stopwatch.GetElapsedTime(origin).TotalSeconds, sampler.Latest.RssKb));
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        LoadPhaseResult load;
        ResourceUsage? resources = null;
        try
        {
            load = await OpenLoopLoad.RunAsync(rate, iterations: null, duration, settings.MaxInFlight, async (i, intended, ct) =>
            {
                var attempt = await client.SendAsync(new RunRequest { Message = scenario.MessageFor(_runIds.Next(), 0), MaxIterations = scenario.MaxIterations }, ct).ConfigureAwait(false);
                if (attempt.Cancelled) return;
                var error = attempt.Error;
                if (error == ErrorKind.None && ReplyCheck.Problem(scenario, attempt.Response!, null) is not null) error = ErrorKind.WrongAnswer;
                var startSeconds = (intended - origin) / (double)Stopwatch.Frequency;
                var correctedMs = (attempt.EndTimestamp - intended) * 1000.0 / Stopwatch.Frequency;
                int done;
                lock (turns)
                {
                    turns.Add((startSeconds, correctedMs, error));
                    done = turns.Count;
                }
                if (done % 50 == 0) phase.Update(done, default, warmup: false);
            }, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await rssLoop.ConfigureAwait(false);
            if (sampler is not null)
            {
                resources = await sampler.StopAsync().ConfigureAwait(false);
                await sampler.DisposeAsync().ConfigureAwait(false);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(origin).TotalSeconds;
        var ok = turns.Count(t => t.Error == ErrorKind.None);
        var first = P99(turns.Where(t => t.StartSeconds < Minute.TotalSeconds));
        var last = P99(turns.Where(t => t.StartSeconds >= settings.DurationSeconds - Minute.TotalSeconds));
        var slope = SlopeKbPerSecond(rss) is { } kbPerSecond ? Math.Round(kbPerSecond * 3600 / 1024, 2) : (double?)null;
        var result = new SoakResult
        {
            Executor = executor.Name,
            Scenario = scenario.Name,
            DurationSeconds = Math.Round(elapsed, 1),
            RateRps = Math.Round(rate, 2),
            RateSource = source,
            PeakRps = peak is { } p ? Math.Round(p, 2) : null,
            PeakShare = settings.PeakShare,
            Requests = turns.Count,
            Ok = ok,
            Errors = RecoveryTurns.Count(turns.Select(t => t.Error)),
            ErrorRate = turns.Count == 0 ? 0 : (turns.Count - ok) / (double)turns.Count,
            DroppedStarts = load.Dropped,
            FirstMinuteP99Ms = first,
            LastMinuteP99Ms = last,
            P99DriftMs = first is { } f && last is { } l ? Math.Round(l - f, 2) : null,
            RssSlopeMibPerHour = slope,
            RssSamples = rss.Count,
            Resources = resources,
            Note = sampler is null ? executor.SamplingNote ?? "not sampled: no pid on this machine" : null,
        };
        phase.Complete(Summary(result));
        return result;
    }

    /// <summary>The offered rate: a share of the highest throughput this run measured for the executor (concurrent scenario or sweep), else the configured rate.</summary>
    public static (double Rate, string Source, double? Peak) Rate(string executor, BenchmarkResults soFar, SoakConfig settings)
    {
        var concurrent = soFar.Scenarios.Where(s => s.Executor == executor && s.Scenario == ScenarioCatalog.Concurrent && s.ThroughputRps > 0)
            .Select(s => s.ThroughputRps).DefaultIfEmpty(0).Max();
        var sweep = soFar.Sweep.Where(s => s.Executor == executor && s.ThroughputRps > 0).Select(s => s.ThroughputRps).DefaultIfEmpty(0).Max();
        if (concurrent <= 0 && sweep <= 0) return (settings.FallbackRps, "configured", null);
        var (peak, source) = sweep > concurrent ? (sweep, "sweep") : (concurrent, "concurrent");
        return (Math.Max(0.1, peak * settings.PeakShare), source, peak);
    }

    /// <summary>Ordinary least squares slope of kB over seconds; null with fewer than two distinct times.</summary>
    public static double? SlopeKbPerSecond(IReadOnlyList<(double Seconds, long Kb)> series)
    {
        if (series.Count < 2) return null;
        var meanT = series.Average(s => s.Seconds);
        var meanY = series.Average(s => (double)s.Kb);
        double sxy = 0, sxx = 0;
        foreach (var (t, y) in series)
        {
            sxy += (t - meanT) * (y - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        return sxx > 0 ? sxy / sxx : null;
    }

    private static double? P99(IEnumerable<(double StartSeconds, double CorrectedMs, ErrorKind Error)> turns) =>
        LatencyStats.FromMilliseconds(turns.Where(t => t.Error == ErrorKind.None).Select(t => t.CorrectedMs)) is { } stats ? stats.P99 : null;

    public static string Summary(SoakResult r) =>
        $"{r.Requests} turns at {r.RateRps:0.#}/s over {r.DurationSeconds:0} s: errors {r.Errors.Total}, p99 {r.FirstMinuteP99Ms?.ToString("0.#") ?? "-"} -> {r.LastMinuteP99Ms?.ToString("0.#") ?? "-"} ms, " +
        $"RSS {r.RssSlopeMibPerHour?.ToString("0.##") ?? "-"} MiB/h";
}
