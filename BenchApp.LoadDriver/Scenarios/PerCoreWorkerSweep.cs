using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Python executors are deployed with one server worker per core; the AppHost runs one. So the sweep runs again
/// against the driver's own copy of each Python executor started with <c>WORKERS</c> = cores (its crash-recovery
/// launch command), and those points carry <see cref="SweepPoint.Workers"/>. The copy must say in <c>/v1/info</c>
/// that it runs that many workers; one that does not honour the setting is reported, not measured.
/// </summary>
public sealed class PerCoreWorkerSweep(
    HttpClient control, ScenarioRunner runner, Uri? mockUrl, BenchmarkConfig config,
    IReadOnlyDictionary<string, string?> environment, string repoRoot)
{
    public const string WorkersVariable = "WORKERS";

    /// <summary>Workers of the copy: one per core of this machine.</summary>
    public static int Workers => Environment.ProcessorCount;

    /// <summary>Executors that get a per-core copy: those that speak of server workers (Python).</summary>
    public static bool Applies(ExecutorStatus executor) => executor.Info?.Language == "python";

    public async Task<IReadOnlyList<SweepPoint>> RunAsync(ExecutorStatus executor, IReadOnlyList<ScenarioPlan> levels, CancellationToken cancellationToken)
    {
        if (levels.Count == 0) return [];
        SweepPoint Note(string note) => new() { Executor = executor.Name, Scenario = levels[0].Name, Concurrency = levels[0].Concurrency, Workers = Workers, Note = note };
        if (Workers <= 1) return [Note("one core here: the one-worker sweep above is the per-core one")];
        if (LaunchEnvironment.CannotLaunch(config, executor.Name, environment) is { } reason) return [Note($"not measured: {reason}")];

        var port = LaunchedExecutor.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var env = LaunchEnvironment.For(environment, mockUrl, $"{executor.Name}-workers",
            new Dictionary<string, string> { [WorkersVariable] = Workers.ToString(CultureInfo.InvariantCulture) });
        await using var copy = LaunchedExecutor.Start(config.CrashRecovery.Executors[executor.Name], port, repoRoot, env);
        var (info, why) = await WaitHealthyAsync(copy, url, TimeSpan.FromSeconds(config.Driver.HealthWaitSeconds), cancellationToken).ConfigureAwait(false);
        if (info is null) return [Note($"not measured: the driver's copy with {WorkersVariable}={Workers} did not start: {why}")];
        if (info.Workers != Workers)
            return [Note($"not measured: the copy started with {WorkersVariable}={Workers} reports workers={info.Workers?.ToString(CultureInfo.InvariantCulture) ?? "null"} in /v1/info (the setting is not honoured)")];

        // Sample the whole server (the master the driver started and its worker children), not the worker /v1/info named.
        var status = new ExecutorStatus
        {
            Target = new ExecutorTarget(executor.Name, url, "driver-copy"), Available = true, Info = info, SamplingPid = copy.Pid,
        };
        var points = new List<SweepPoint>();
        foreach (var level in levels)
        {
            var point = await runner.RunAsync(status, level with { Label = $"{level.Label} ({Workers} workers)" }, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            points.Add(new SweepPoint
            {
                Executor = executor.Name, Scenario = point.Scenario, Concurrency = point.Load.Concurrency, Requests = point.Requests,
                ErrorRate = point.ErrorRate, ThroughputRps = point.ThroughputRps,
                LatencyMs = point.LatencyMs is { } l ? l with { Spectrum = null } : null,
                OverheadMs = point.OverheadMs is { } o ? o with { Spectrum = null } : null,
                CpuAvgPercent = point.Resources?.CpuAvgPercent, RssAvgKb = point.Resources?.RssAvgKb,
                Efficiency = point.Efficiency, Workers = Workers,
            });
        }
        return points;
    }

    private async Task<(ExecutorInfo? Info, string? Why)> WaitHealthyAsync(LaunchedExecutor process, Uri url, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? last = null;
        while (!process.HasExited && Stopwatch.GetElapsedTime(started) < wait)
        {
            try
            {
                using var response = await control.GetAsync(new Uri(url, "health"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return (await control.GetFromJsonAsync<ExecutorInfo>(new Uri(url, "v1/info"), ContractJson.Options, cancellationToken).ConfigureAwait(false), null);
                last = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
        return (null, process.HasExited ? $"the process exited; last output: {process.Tail}" : $"not healthy within {wait.TotalSeconds:0} s ({last})");
    }
}
