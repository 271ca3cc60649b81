using BenchApp.LoadDriver.ColdStart;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;

namespace BenchApp.LoadDriver.Suite;

/// <summary>
/// A whole run: find the executors and the mock, probe them, then per available executor measure idle
/// memory, every scenario, the concurrency sweep and the growth probe, writing results after each step.
/// </summary>
public sealed class BenchmarkSuite(BenchmarkConfig fileConfig, RunOptions options, IRunProgress progress, DriverMetrics metrics)
{
    /// <summary>The run's folder, once created.</summary>
    public string? ResultsDirectory { get; private set; }

    public BenchmarkResults? Results { get; private set; }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var config = SuitePlanner.Effective(fileConfig, options);
        var plans = SuitePlanner.Scenarios(config, options);
        var sweep = SuitePlanner.Sweep(config, options);
        var growthTurns = SuitePlanner.GrowthTurns(config, options);
        var recovery = SuitePlanner.Recovery(config, options);
        var coldStarts = MeasurementPlanner.ColdStarts(config, options);
        var endToEnd = MeasurementPlanner.EndToEnd(config, options);
        var environment = options.Environment ?? ExecutorDiscovery.ProcessEnvironment();
        var targets = ExecutorDiscovery.Discover(config, options.ExecutorFlags, options.OnlyExecutors, environment);
        var mockUrl = config.Llm.Mock.Enabled ? ExecutorDiscovery.MockLlm(options.MockLlmUrl, config, environment) : null;

        var repo = RepoRoot.Find();
        var metadata = RunMetadataCollector.Collect(config, options.ConfigFile, options.Quick, repo);
        var maxConcurrency = plans.Select(p => Math.Max(p.Concurrency, p.Model == LoadModel.Open ? Math.Min(p.MaxInFlight, 1000) : 1))
            .Concat(sweep.Select(p => p.Concurrency)).Concat(endToEnd.Select(p => p.Concurrency)).DefaultIfEmpty(1).Max();
        using var http = DriverHttp.CreateMeasuringClient(maxConcurrency);
        using var control = DriverHttp.CreateControlClient();

        // The mock first: without its admin API overhead cannot be told apart from the LLM's wait.
        MockLlmAdmin? mock = null;
        string? mockReason = !config.Llm.Mock.Enabled ? "llm.mock is off (a real provider): the LLM's share of the latency is unknown"
            : mockUrl is null ? "the mock LLM's address is unknown (no services__mock-llm__http__0, --mock-llm or llm.mock.url)"
            : null;
        if (mockUrl is not null)
        {
            var candidate = new MockLlmAdmin(control, mockUrl);
            mockReason = await candidate.UnavailableReasonAsync(cancellationToken).ConfigureAwait(false);
            if (mockReason is null) mock = candidate;
        }
        if (mockReason is not null) progress.Message($"Overhead unavailable: {mockReason}.");

        var statuses = await Task.WhenAll(targets.Select(t =>
            ExecutorProbe.ProbeAsync(control, t, TimeSpan.FromSeconds(config.Driver.HealthWaitSeconds), cancellationToken, progress.Message))).ConfigureAwait(false);
        foreach (var s in statuses.Where(s => !s.Available)) progress.Message($"{s.Name}: unavailable ({s.Reason}).");

        var results = new BenchmarkResults
        {
            Status = "running",
            Metadata = metadata,
            MockLlm = new MockLlmStatus { Url = mockUrl?.ToString(), AdminAvailable = mock is not null, Reason = mockReason },
            Executors = statuses.Select(ToResult).ToList(),
            Builds = await BuildCheck.CollectAsync(mock, cancellationToken).ConfigureAwait(false),
        };
        if (BuildCheck.Warning(results) is { } debugWarning) progress.Message(debugWarning);
        ResultsDirectory = ResultsWriter.CreateRunDirectory(options.OutputRoot ?? Path.Combine(repo, "results"), metadata.StartedAt);
        Save(results);

        var available = statuses.Where(s => s.Available).ToList();
        if (options.RequireAll && statuses.Where(s => !s.Available).ToList() is { Count: > 0 } unavailable)
        {
            progress.Message($"--require-all: {unavailable.Count} executor(s) unavailable, nothing measured: "
                + string.Join("; ", unavailable.Select(s => $"{s.Name} ({s.Reason})")) + ".");
            Results = results with { Status = "failed", Metadata = metadata with { FinishedAt = DateTimeOffset.UtcNow } };
            ResultsWriter.WriteAll(ResultsDirectory, Results);
            return ExitCodes.Unavailable;
        }
        if (available.Count == 0)
        {
            progress.Message(targets.Count == 0
                ? "No executor found: run under the AppHost, list executors in the config, or pass --executor NAME=URL."
                : "No executor is available.");
            Results = results with { Status = "failed", Metadata = metadata with { FinishedAt = DateTimeOffset.UtcNow } };
            ResultsWriter.WriteAll(ResultsDirectory, Results);
            return ExitCodes.NoExecutor;
        }

        var runner = new ScenarioRunner(http, mock, mockReason, config, metrics, progress);
        var coldStart = new ColdStartProbe(http, control, mock, mockUrl, config, environment, repo, progress);
        var perCore = new PerCoreWorkerSweep(control, runner, mockUrl, config, environment, repo);
        var status = "complete";
        try
        {
            foreach (var executor in available)
            {
                var idle = await MeasureIdleAsync(executor, config, cancellationToken).ConfigureAwait(false);
                results = Replace(results, ToResult(executor) with { Idle = idle });
                if (coldStarts > 0)
                {
                    var cold = await coldStart.RunAsync(executor.Name, coldStarts, cancellationToken).ConfigureAwait(false);
                    results = results with { ColdStart = [.. results.ColdStart, cold] };
                    Save(results);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                foreach (var plan in plans)
                {
                    // A scenario cut short throws (ScenarioRunner checks after its load phase): it is dropped, never shown as complete.
                    var scenario = await runner.RunAsync(executor, plan, cancellationToken).ConfigureAwait(false);
                    results = results with { Scenarios = [.. results.Scenarios, scenario] };
                    Save(results);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                foreach (var level in sweep)
                {
                    var point = await runner.RunAsync(executor, level, cancellationToken).ConfigureAwait(false);
                    results = results with { Sweep = [.. results.Sweep, ToSweepPoint(point) with { Workers = executor.Info?.Workers }] };
                    Save(results);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (sweep.Count > 0 && config.Sweep.PerCoreWorkers && PerCoreWorkerSweep.Applies(executor))
                {
                    var points = await perCore.RunAsync(executor, sweep, cancellationToken).ConfigureAwait(false);
                    foreach (var note in points.Where(p => p.Note is not null)) progress.Message($"{executor.Name}: sweep at {note.Workers} workers: {note.Note}");
                    results = results with { Sweep = [.. results.Sweep, .. points] };
                    Save(results);
                }
                if (growthTurns > 0)
                {
                    var growthScenario = ScenarioCatalog.Resolve(new ScenarioConfig { Name = ScenarioCatalog.SimpleChat });
                    var growth = await GrowthProbe.RunAsync(http, executor, growthScenario, growthTurns,
                        TimeSpan.FromSeconds(config.Driver.RequestTimeoutSeconds), progress, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    results = results with { Growth = [.. results.Growth, growth] };
                    Save(results);
                }
                foreach (var plan in endToEnd)
                {
                    var scenario = await runner.RunAsync(executor, plan, cancellationToken).ConfigureAwait(false);
                    results = results with { EndToEnd = [.. results.EndToEnd, scenario] };
                    Save(results);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            results = await RunRecoveryAsync(recovery, available, http, control, mock, mockUrl, mockReason, config, environment, repo, results, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = Interrupted;
            progress.Message("Interrupted: the finished scenarios are kept, the one in progress is dropped.");
        }

        var thresholds = ThresholdEvaluator.Evaluate(config.Thresholds, results.Scenarios);
        Results = results with
        {
            Status = status,
            Thresholds = thresholds,
            Metadata = metadata with { FinishedAt = DateTimeOffset.UtcNow },
        };
        lock (_saving)
        {
            if (_final) return ExitCodes.Failed;
            ResultsWriter.WriteAll(ResultsDirectory, Results);
        }
        if (BuildCheck.Warning(Results) is { } debugAtEnd) progress.Message(debugAtEnd);
        foreach (var t in thresholds.Where(t => !t.Passed))
            progress.Message($"Threshold broken: {t.Rule} for {t.Executor} {t.Scenario} (actual {t.Actual?.ToString("0.###") ?? "n/a"}).");

        return status != "complete" ? ExitCodes.Failed
            : thresholds.Any(t => !t.Passed) ? ExitCodes.Regression
            : ExitCodes.Ok;
    }

    /// <summary>The recovery scenarios, after everything measured (they break executors on purpose), one executor at a time.</summary>
    private async Task<BenchmarkResults> RunRecoveryAsync(
        IReadOnlyList<string> recovery, IReadOnlyList<ExecutorStatus> available, HttpClient http, HttpClient control, MockLlmAdmin? mock,
        Uri? mockUrl, string? mockReason, BenchmarkConfig config, IReadOnlyDictionary<string, string?> environment, string repo,
        BenchmarkResults results, CancellationToken cancellationToken)
    {
        if (recovery.Contains(RecoveryScenarios.Soak))
        {
            // First: nothing has been broken on purpose yet, and the peaks it is a share of were just measured.
            var soak = new SoakScenario(http, mock, config, progress);
            foreach (var executor in available)
            {
                var row = await soak.RunAsync(executor, results, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested(); // a soak cut short is dropped
                results = results with { Soak = [.. results.Soak, row] };
                Save(results);
            }
        }
        if (recovery.Contains(RecoveryScenarios.ErrorRecovery))
        {
            var scenario = mock is null ? null : new ErrorRecoveryScenario(http, mock, config, progress);
            foreach (var executor in available)
            {
                IReadOnlyList<ErrorRecoveryResult> rows = scenario is null
                    ? [new ErrorRecoveryResult
                    {
                        Executor = executor.Name, FaultKind = "-", Directive = ErrorRecoveryScenario.Turn.Directive.ToString(),
                        ClientErrors = new ErrorCounts(), Note = $"not measured: the mock's admin API is needed to inject faults ({mockReason})",
                    }]
                    : await scenario.RunAsync(executor, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested(); // rows of a scenario cut short are dropped
                results = results with { ErrorRecovery = [.. results.ErrorRecovery, .. rows] };
                Save(results);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        if (recovery.Contains(RecoveryScenarios.CrashRecovery))
        {
            var scenario = new CrashRecoveryScenario(http, control, mock, mockUrl, config, environment, repo, progress);
            foreach (var executor in available)
            {
                var row = await scenario.RunAsync(executor.Name, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested(); // a row cut short is dropped
                if (row.Status != CrashRecoveryScenario.Measured) progress.Message($"{executor.Name}: crash-recovery {row.Status.Replace('_', ' ')}: {row.Reason}");
                results = results with { CrashRecovery = [.. results.CrashRecovery, row] };
                Save(results);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        if (recovery.Contains(RecoveryScenarios.DependencyFault))
        {
            // Last: it freezes the Redis every Redis-backed executor shares.
            var (pause, reason) = await RedisPause.ConnectAsync(environment).ConfigureAwait(false);
            await using (pause)
            {
                var scenario = new DependencyFaultScenario(http, pause, reason, mock, config, progress);
                foreach (var executor in available)
                {
                    var row = await scenario.RunAsync(executor, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (row.Status != DependencyFaultScenario.Measured) progress.Message($"{executor.Name}: dependency-fault not measured: {row.Reason}");
                    results = results with { DependencyFault = [.. results.DependencyFault, row] };
                    Save(results);
                }
            }
        }
        return results;
    }

    private void Save(BenchmarkResults results)
    {
        lock (_saving)
        {
            if (_final) return; // marked interrupted by force: nothing may claim more after that
            Results = results;
            ResultsWriter.WriteResults(ResultsDirectory!, results);
            ResultsWriter.WriteReport(ResultsDirectory!, results, []);
        }
    }

    /// <summary>
    /// For a run ended by force (it did not stop in time after a signal): the results so far, written as
    /// <c>interrupted</c>, and no later write. The scenario in progress is not among them.
    /// </summary>
    public void MarkInterrupted()
    {
        lock (_saving)
        {
            if (_final || ResultsDirectory is null || Results is not { Status: "running" } results) return;
            Results = results with { Status = Interrupted, Metadata = results.Metadata with { FinishedAt = DateTimeOffset.UtcNow } };
            ResultsWriter.WriteResults(ResultsDirectory, Results);
            ResultsWriter.WriteReport(ResultsDirectory, Results, []);
            _final = true;
        }
    }

    public const string Interrupted = "interrupted";

    private readonly Lock _saving = new();
    private bool _final;

    private static async Task<ResourceUsage?> MeasureIdleAsync(ExecutorStatus executor, BenchmarkConfig config, CancellationToken cancellationToken)
    {
        if (executor.SamplingPid is not { } pid) return null;
        // Idle: after health, before any load; a second of samples without resetting the high-water mark.
        await using var sampler = ProcessSampler.Start(pid, TimeSpan.FromMilliseconds(config.Driver.SampleIntervalMs), resetPeak: false);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        return await sampler.StopAsync().ConfigureAwait(false);
    }

    private static BenchmarkResults Replace(BenchmarkResults results, ExecutorResult executor) =>
        results with { Executors = results.Executors.Select(e => e.Name == executor.Name ? executor : e).ToList() };

    private static ExecutorResult ToResult(ExecutorStatus s) => new()
    {
        Name = s.Name,
        Url = s.Target.Url?.ToString(),
        Source = s.Target.Source,
        Available = s.Available,
        Reason = s.Reason,
        Info = s.Info,
        SampledPid = s.SamplingPid,
        SamplingNote = s.SamplingNote,
        StartupMs = s.StartupMs,
        StartupNote = s.StartupNote,
    };

    private static SweepPoint ToSweepPoint(ScenarioResult r) => new()
    {
        Executor = r.Executor,
        Scenario = r.Scenario,
        Concurrency = r.Load.Concurrency,
        Requests = r.Requests,
        ErrorRate = r.ErrorRate,
        ThroughputRps = r.ThroughputRps,
        LatencyMs = r.LatencyMs is { } l ? l with { Spectrum = null } : null,
        OverheadMs = r.OverheadMs is { } o ? o with { Spectrum = null } : null,
        CpuAvgPercent = r.Resources?.CpuAvgPercent,
        RssAvgKb = r.Resources?.RssAvgKb,
        Efficiency = r.Efficiency,
    };
}
