using System.Diagnostics;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using HdrHistogram;

namespace BenchApp.LoadDriver.SelfTest;

/// <summary>
/// Measures the driver with its own load engine against an endpoint that does nothing (the mock's /alive):
/// the latency floor a request has before any executor work, the rate a closed loop of 100 reaches, and how
/// closely the open loop holds a target rate. These bound what the driver can add to, or hide in, a result.
/// </summary>
public static class DriverSelfTest
{
    public static async Task<IReadOnlyList<SelfTestPhase>> RunAsync(
        Uri target, TimeSpan phaseDuration, IReadOnlyList<double> rates, int? targetPid, Action<SelfTestPhase> onPhase, CancellationToken cancellationToken)
    {
        using var http = DriverHttp.CreateMeasuringClient(200);
        var phases = new List<SelfTestPhase>();

        // Warm the connection pool and the JIT; not reported.
        await Closed(http, target, 10, TimeSpan.FromSeconds(1), "warm-up", targetPid, cancellationToken).ConfigureAwait(false);

        foreach (var concurrency in new[] { 1, 100 })
        {
            var phase = await Closed(http, target, concurrency, phaseDuration, $"closed x{concurrency}", targetPid, cancellationToken).ConfigureAwait(false);
            phases.Add(phase);
            onPhase(phase);
        }
        foreach (var rate in rates)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var phase = await Open(http, target, rate, phaseDuration, targetPid, cancellationToken).ConfigureAwait(false);
            phases.Add(phase);
            onPhase(phase);
            // Past the rate the pair can hold, higher targets only repeat the same saturation.
            if (phase.AchievedRate < rate * 0.9 || phase.Dropped > phase.Requests / 100) break;
        }
        return phases;
    }

    private static async Task<SelfTestPhase> Closed(HttpClient http, Uri target, int concurrency, TimeSpan duration, string name, int? targetPid, CancellationToken cancellationToken)
    {
        var recorder = new Recorder();
        await using var driver = ProcessSampler.Start(Environment.ProcessId, TimeSpan.FromMilliseconds(250), resetPeak: false);
        await using var server = targetPid is { } pid && ProcessSampler.UnavailableReason(pid) is null ? ProcessSampler.Start(pid, TimeSpan.FromMilliseconds(250), resetPeak: false) : null;
        var result = await ClosedLoopLoad.RunAsync(concurrency, null, duration,
            (_, ct) => recorder.GetAsync(http, target, 0, ct), cancellationToken).ConfigureAwait(false);
        var cpu = await driver.StopAsync().ConfigureAwait(false);
        var serverCpu = server is null ? null : await server.StopAsync().ConfigureAwait(false);
        return recorder.Phase(name, concurrency, null, result, cpu.CpuAvgPercent, serverCpu?.CpuAvgPercent);
    }

    private static async Task<SelfTestPhase> Open(HttpClient http, Uri target, double rate, TimeSpan duration, int? targetPid, CancellationToken cancellationToken)
    {
        var recorder = new Recorder();
        await using var driver = ProcessSampler.Start(Environment.ProcessId, TimeSpan.FromMilliseconds(250), resetPeak: false);
        await using var server = targetPid is { } pid && ProcessSampler.UnavailableReason(pid) is null ? ProcessSampler.Start(pid, TimeSpan.FromMilliseconds(250), resetPeak: false) : null;
        var result = await OpenLoopLoad.RunAsync(rate, null, duration, 1000,
            (_, intended, ct) => recorder.GetAsync(http, target, intended, ct), cancellationToken).ConfigureAwait(false);
        var cpu = await driver.StopAsync().ConfigureAwait(false);
        var serverCpu = server is null ? null : await server.StopAsync().ConfigureAwait(false);
        return recorder.Phase($"open {rate:0} /s", 1000, rate, result, cpu.CpuAvgPercent, serverCpu?.CpuAvgPercent);
    }

    private sealed class Recorder
    {
        private readonly LongHistogram _latency = LatencyStats.NewHistogram();
        private readonly LongHistogram _corrected = LatencyStats.NewHistogram();
        private long _errors;

        public async Task GetAsync(HttpClient http, Uri target, long intended, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var end = Stopwatch.GetTimestamp();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _errors);
                    return;
                }
                var micros = (end - start) * 1_000_000 / Stopwatch.Frequency;
                var correctedMicros = intended > 0 ? (end - Math.Min(intended, start)) * 1_000_000 / Stopwatch.Frequency : micros;
                lock (_latency)
                {
                    _latency.RecordValue(micros);
                    _corrected.RecordValue(correctedMicros);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                if (!cancellationToken.IsCancellationRequested) Interlocked.Increment(ref _errors);
            }
        }

        public SelfTestPhase Phase(string name, int concurrency, double? rate, LoadPhaseResult result, double driverCpu, double? targetCpu) => new()
        {
            Name = name,
            Concurrency = concurrency,
            TargetRate = rate,
            Requests = _latency.TotalCount + _errors,
            Errors = _errors,
            AchievedRate = result.ElapsedSeconds > 0 ? Math.Round(_latency.TotalCount / result.ElapsedSeconds, 1) : 0,
            Latency = LatencyStats.From(_latency),
            Corrected = rate is null ? null : LatencyStats.From(_corrected),
            Dropped = result.Dropped,
            ScheduleLagP99Ms = Math.Round(result.ScheduleLagP99Ms, 3),
            DriverCpuPercent = driverCpu,
            TargetCpuPercent = targetCpu,
        };
    }
}
