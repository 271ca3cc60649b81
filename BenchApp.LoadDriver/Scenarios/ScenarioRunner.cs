using BenchApp.Contracts.MockLlm;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Runs one scenario against one executor: sets the mock's latency model, warms up (never counted),
/// then measures under the plan's load while sampling the executor's process tree, and finally asks the
/// mock what it waited for each run.
/// </summary>
public sealed class ScenarioRunner(
    HttpClient http, MockLlmAdmin? mock, string? mockUnavailableReason, BenchmarkConfig config, DriverMetrics metrics, IRunProgress progress)
{
    private readonly RunIds _runIds = new();

    public async Task<ScenarioResult> RunAsync(ExecutorStatus executor, ScenarioPlan plan, CancellationToken cancellationToken)
    {
        var client = new ExecutorClient(http, executor.Target.Url!, TimeSpan.FromSeconds(config.Driver.RequestTimeoutSeconds));
        var workload = new ScenarioWorkload(plan.Definition, client, _runIds, metrics, executor.Name);

        var (mockReady, latencyNote) = await SetLatencyModelAsync(plan, cancellationToken).ConfigureAwait(false);
        using var phase = progress.Begin(executor.Name, plan.Label.Length > 0 ? plan.Label : plan.Name, plan.Warmup + (plan.Duration is null ? plan.Iterations : 0));

        long done = 0;
        SampleSink? live = null;
        var warmingUp = true;
        using var ticker = new CancellationTokenSource();
        var display = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (await timer.WaitForNextTickAsync(ticker.Token).ConfigureAwait(false))
                    phase.Update(Interlocked.Read(ref done), live?.Snapshot() ?? default, warmingUp);
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        try
        {
            if (plan.Warmup > 0)
                await RunPhaseAsync(plan, workload, sink: null, plan.Warmup, duration: null, () => Interlocked.Increment(ref done), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            warmingUp = false;

            string? mockNote = mockReady ? null : mockUnavailableReason;
            if (mockReady)
            {
                try { await mock!.ClearRunsAsync(cancellationToken).ConfigureAwait(false); }
                catch (HttpRequestException e) { mockReady = false; mockNote = $"DELETE /admin/runs failed: {e.Message}"; }
            }

            var settleNote = await SettleAsync(executor, cancellationToken).ConfigureAwait(false);
            var sink = live = new SampleSink();
            await using var sampler = executor.SamplingPid is { } pid
                ? ProcessSampler.Start(pid, TimeSpan.FromMilliseconds(config.Driver.SampleIntervalMs))
                : null;
            if (sampler is not null) metrics.ObserveResources(() => (executor.Name, sampler.Latest.CpuPercent, sampler.Latest.RssKb));

            var loadResult = await RunPhaseAsync(plan, workload, sink, plan.Iterations, plan.Duration, () => Interlocked.Increment(ref done), cancellationToken).ConfigureAwait(false);
            // A measurement cut short by Ctrl+C is not a result; one that finished is kept even if Ctrl+C comes now.
            cancellationToken.ThrowIfCancellationRequested();
            var resources = sampler is null ? null : await sampler.StopAsync().ConfigureAwait(false);
            metrics.ObserveResources(null);

            var samples = sink.Samples;
            IReadOnlyDictionary<string, RunStats>? runs = null;
            if (mockReady)
            {
                try
                {
                    runs = await mock!.GetRunsAsync(samples.Where(s => s.RunId is not null).Select(s => s.RunId!).ToList(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
                {
                    mockNote = $"GET /admin/runs failed: {e.Message}";
                }
            }

            var result = ScenarioAnalysis.Build(new ScenarioAnalysis.Input
            {
                Executor = executor.Name,
                Plan = plan,
                Samples = samples,
                Phase = loadResult,
                MockRuns = runs,
                MockNote = mockNote,
                LatencyModelNote = latencyNote,
                Resources = resources,
                ResourcesNote = executor.SamplingPid is null ? executor.SamplingNote ?? "executor process not sampled"
                    : string.Join("; ", new[] { settleNote, resources?.Note }.OfType<string>()) is { Length: > 0 } note ? note : null,
                MaxSamples = config.Driver.MaxSamples,
                Seed = config.Seed,
            });
            phase.Complete(Summary(result));
            return result;
        }
        finally
        {
            metrics.ObserveResources(null);
            await ticker.CancelAsync().ConfigureAwait(false);
            await display.ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the executor to go quiet before the window; a note when it did not (its CPU then includes that).</summary>
    private async Task<string?> SettleAsync(ExecutorStatus executor, CancellationToken cancellationToken)
    {
        if (executor.SamplingPid is not { } pid || config.Driver.SettleSeconds <= 0) return null;
        var quiet = await QuietWait.WaitAsync(pid, config.Driver.SettleCpuPercent, TimeSpan.FromSeconds(config.Driver.SettleSeconds),
            TimeSpan.FromMilliseconds(config.Driver.SampleIntervalMs), cancellationToken).ConfigureAwait(false);
        return quiet.Settled ? null
            : $"the executor was still at {quiet.LastCpuPercent:0} % CPU after {quiet.Waited.TotalSeconds:0.#} s of waiting for it to go quiet: this window's CPU includes that";
    }

    private async Task<(bool Ready, string? Note)> SetLatencyModelAsync(ScenarioPlan plan, CancellationToken cancellationToken)
    {
        if (mock is null) return (false, $"latency model '{plan.LatencyProfile}' not applied: {mockUnavailableReason}");
        try
        {
            await mock.SetConfigAsync(new MockLlmConfig { Latency = plan.LatencyModel, Faults = config.Llm.Mock.Faults, Seed = config.Seed }, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"latency model '{plan.LatencyProfile}' not applied: {e.Message}");
        }
    }

    private static Task<LoadPhaseResult> RunPhaseAsync(
        ScenarioPlan plan, ScenarioWorkload workload, SampleSink? sink, int iterations, TimeSpan? duration, Action onIteration, CancellationToken cancellationToken)
    {
        long? count = duration is null ? iterations : null;
        return plan.Model == LoadModel.Open
            ? OpenLoopLoad.RunAsync(plan.Rate!.Value, count, duration, plan.MaxInFlight, async (_, intended, ct) =>
            {
                await workload.RunAsync(sink, intended, ct).ConfigureAwait(false);
                onIteration();
            }, cancellationToken)
            : ClosedLoopLoad.RunAsync(plan.Concurrency, count, duration, async (_, ct) =>
            {
                await workload.RunAsync(sink, 0, ct).ConfigureAwait(false);
                onIteration();
            }, cancellationToken);
    }

    public static string Summary(ScenarioResult r)
    {
        var latency = r.LatencyMs is { } l ? $"p50 {l.P50:0.###} ms, p99 {l.P99:0.###} ms" : "no good replies";
        var overhead = r.OverheadMs is { } o ? $", overhead p50 {o.P50:0.###} ms" : "";
        var cpu = r.Resources is { } res ? $", CPU {res.CpuAvgPercent:0.#}%, RSS {res.RssAvgKb / 1024.0:0.#} MiB" : "";
        return $"{r.Ok}/{r.Requests} ok, {latency}{overhead}, {r.ThroughputRps:0.#} req/s{cpu}, errors {r.Errors.Total}";
    }
}
