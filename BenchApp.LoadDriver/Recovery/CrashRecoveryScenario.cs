using System.Diagnostics;
using System.Net;
using BenchApp.Contracts.Directives;
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
/// crash-recovery: the AppHost (DCP) does not restart a killed executable, so the driver only kills what it can
/// bring back: its own copy of the executor, started from <c>crash_recovery.executors</c>. It opens a session,
/// sends a slow agent-loop turn, SIGKILLs the pid /v1/info reports, starts the same command on the same port,
/// and checks the in-flight turn (failed, or completed by the executor's durability, per the mock's count of its
/// LLM calls) and the session (a next turn on it succeeds = its stored state survived).
/// </summary>
public sealed class CrashRecoveryScenario(
    HttpClient http, HttpClient control, MockLlmAdmin? mock, Uri? mockUrl, BenchmarkConfig config,
    IReadOnlyDictionary<string, string?> environment, string repoRoot, IRunProgress progress)
{
    public const string Name = "crash-recovery";
    public const string Measured = "measured";
    public const string NotMeasured = "not_measured";
    public const string Failed = "failed";

    private static readonly ScenarioDefinition OpeningTurn = new()
    {
        Name = Name, Description = "opens the session", Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 8 },
    };

    private readonly RunIds _runIds = new();

    public ScenarioDefinition InFlightTurn => new()
    {
        Name = Name,
        Description = "slow agent loop that is killed mid-way",
        Directive = new BenchDirective { ToolCalls = config.CrashRecovery.ToolCalls, ReplyTokens = 8, ToolDelayMs = config.CrashRecovery.ToolDelayMs },
        MaxIterations = config.CrashRecovery.ToolCalls + 1,
    };

    /// <summary>Why this executor cannot be measured here, or null when it can.</summary>
    public string? NotMeasuredReason(string executor)
    {
        if (!config.CrashRecovery.Executors.TryGetValue(executor, out var launch))
            return $"no start command configured (crash_recovery.executors.{executor})";
        var missing = launch.RequiresEnv.Where(v => string.IsNullOrEmpty(environment.GetValueOrDefault(v)) && !launch.Environment.ContainsKey(v)).ToList();
        if (missing.Count > 0) return $"{string.Join(", ", missing)} not set (needed to start {executor})";
        // A repository-relative command (a venv's python) that is not there yet; a configured absolute one that is missing fails the row instead.
        if (!Path.IsPathRooted(launch.Command) && LaunchedExecutor.ResolveCommand(launch, repoRoot) is var command && Path.IsPathRooted(command) && !File.Exists(command))
            return $"{command} not found (a Python executor's venv is built by the AppHost's first run)";
        if (!ProcFs.IsAvailable) return "no /proc here: the driver cannot check that the pid it kills is its own executor";
        return null;
    }

    public async Task<CrashRecoveryResult> RunAsync(string executor, CancellationToken cancellationToken)
    {
        if (NotMeasuredReason(executor) is { } reason) return new CrashRecoveryResult { Executor = executor, Status = NotMeasured, Reason = reason };
        using var phase = progress.Begin(executor, Name, 4);
        CrashRecoveryResult result;
        try
        {
            result = await MeasureAsync(executor, config.CrashRecovery.Executors[executor], phase, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or HttpRequestException or InvalidOperationException or System.Text.Json.JsonException
                                  || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A command that does not exist, or the mock's admin API failing: a row that says so, and the run goes on.
            result = new CrashRecoveryResult { Executor = executor, Status = Failed, Reason = $"{e.GetType().Name}: {e.Message}" };
        }
        phase.Complete(Summary(result));
        return result;
    }

    private async Task<CrashRecoveryResult> MeasureAsync(string executor, ExecutorLaunchConfig launch, IProgressPhase phase, CancellationToken cancellationToken)
    {
        var settings = config.CrashRecovery;
        var port = LaunchedExecutor.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var env = ChildEnvironment(executor);
        var result = new CrashRecoveryResult { Executor = executor, Status = Failed };
        LaunchedExecutor? first = null, second = null;
        try
        {
            first = LaunchedExecutor.Start(launch, port, repoRoot, env);
            result = result with { StartedBy = first.CommandLine };
            var (info, why) = await WaitHealthyAsync(first, url, TimeSpan.FromSeconds(config.Driver.HealthWaitSeconds), cancellationToken).ConfigureAwait(false);
            if (info is null) return result with { Reason = $"the driver's copy did not start: {why}" };
            result = result with { Durable = info.Durable };
            // Kill only what the driver started: the pid /v1/info names must be that process or one of its children.
            if (!ProcFs.Tree(first.Pid).Contains(info.Pid))
                return result with { Reason = $"/v1/info reports pid {info.Pid}, not the process the driver started ({first.Pid}) or a child of it: not killed" };

            if (mock is not null)
                await mock.SetConfigAsync(new MockLlmConfig { Latency = new LatencyConfig(), Faults = new FaultConfig(), Seed = config.Seed }, cancellationToken).ConfigureAwait(false);
            var client = new ExecutorClient(http, url, TimeSpan.FromSeconds(config.Driver.RequestTimeoutSeconds));
            var opening = await client.SendAsync(new RunRequest { Message = OpeningTurn.MessageFor(_runIds.Next(), 0) }, cancellationToken).ConfigureAwait(false);
            if (opening.Error != ErrorKind.None || ReplyCheck.Problem(OpeningTurn, opening.Response!, null) is not null)
                return result with { Reason = $"the opening turn failed: {opening.Detail ?? ReplyCheck.Problem(OpeningTurn, opening.Response!, null)}" };
            var session = opening.Response!.SessionId;
            phase.Update(1, default, warmup: false);

            var turn = InFlightTurn;
            var runId = _runIds.Next();
            var sent = Stopwatch.GetTimestamp();
            var inFlight = client.SendAsync(new RunRequest { Message = turn.MessageFor(runId, 1), SessionId = session, MaxIterations = turn.MaxIterations }, cancellationToken);
            await Task.WhenAny(inFlight, Task.Delay(TimeSpan.FromSeconds(settings.KillAfterSeconds), cancellationToken)).ConfigureAwait(false);

            var killedAt = Stopwatch.GetTimestamp();
            try
            {
                using var victim = Process.GetProcessById(info.Pid);
                victim.Kill(); // SIGKILL on Linux
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return result with { Reason = $"SIGKILL of pid {info.Pid} failed: {e.Message}" };
            }
            result = result with { KilledPid = info.Pid, KilledAfterMs = Ms(sent, killedAt), Directive = turn.Directive.ToString(), InFlightExpectedLlmCalls = turn.ExpectedLlmCalls };
            await first.DisposeAsync().ConfigureAwait(false); // whatever is left of the tree (a wrapper process)
            first = null;

            var inFlightAttempt = await inFlight.ConfigureAwait(false);
            var inFlightError = inFlightAttempt.Error == ErrorKind.None && ReplyCheck.Problem(turn, inFlightAttempt.Response!, session) is not null
                ? ErrorKind.WrongAnswer : inFlightAttempt.Error;
            result = result with { InFlightClientOutcome = RecoveryTurns.Name(inFlightError), InFlightClientDetail = inFlightAttempt.Detail };
            phase.Update(2, default, warmup: false);

            // The same command on the same port: what a supervisor restarting the executor would do.
            second = LaunchedExecutor.Start(launch, port, repoRoot, env);
            var (restarted, restartWhy) = await WaitHealthyAsync(second, url, TimeSpan.FromSeconds(settings.RecoverySeconds), cancellationToken).ConfigureAwait(false);
            double? healthyMs = restarted is null ? null : Ms(killedAt, Stopwatch.GetTimestamp());
            result = result with { Restarted = restarted is not null, RestartHealthyMs = healthyMs };
            phase.Update(3, default, warmup: false);

            long? llmCalls = null;
            ErrorKind? continuationError = null;
            int continuationStatus = 0;
            double? continuationEnd = null;
            string? continuationDetail = restartWhy;
            if (restarted is not null)
            {
                // A durable executor finishes the turn on its own after the restart; wait for the mock to see all its LLM calls.
                llmCalls = await InFlightLlmCallsAsync(runId, restarted.Durable ? turn.ExpectedLlmCalls : 0, TimeSpan.FromSeconds(settings.RecoverySeconds), cancellationToken).ConfigureAwait(false);
                var next = await client.SendAsync(new RunRequest { Message = OpeningTurn.MessageFor(_runIds.Next(), 2), SessionId = session }, cancellationToken).ConfigureAwait(false);
                continuationEnd = Ms(killedAt, next.EndTimestamp);
                continuationStatus = next.StatusCode;
                continuationError = next.Error == ErrorKind.None && ReplyCheck.Problem(OpeningTurn, next.Response!, session) is { } problem ? ErrorKind.WrongAnswer : next.Error;
                continuationDetail = next.Detail ?? (continuationError == ErrorKind.WrongAnswer ? ReplyCheck.Problem(OpeningTurn, next.Response!, session) : null);
                llmCalls = await InFlightLlmCallsAsync(runId, 0, TimeSpan.Zero, cancellationToken).ConfigureAwait(false) ?? llmCalls;
            }
            phase.Update(4, default, warmup: false);

            var verdict = CrashVerdict.Decide(new CrashObservation
            {
                InFlightError = inFlightError,
                InFlightEndMs = Ms(killedAt, inFlightAttempt.EndTimestamp),
                InFlightLlmCalls = llmCalls,
                ExpectedLlmCalls = turn.ExpectedLlmCalls,
                HealthyMs = healthyMs,
                ContinuationError = continuationError,
                ContinuationStatus = continuationStatus,
                ContinuationEndMs = continuationEnd,
            });
            var repeats = mock is null ? null : (await mock.GetRunsAsync([runId], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(runId);
            return result with
            {
                RepeatedLlmCalls = mock is null ? null : repeats?.RepeatedLlmCalls ?? 0,
                RepeatedToolCalls = mock is null ? null : repeats?.RepeatedToolCalls ?? 0,
                Durability = DurabilitySetting(restarted ?? info),
                Status = Measured,
                Reason = restarted is null ? $"the restarted copy did not become healthy: {restartWhy}" : null,
                InFlightLlmCalls = llmCalls,
                InFlightTurn = verdict.InFlightTurn,
                Session = verdict.Session,
                SessionDetail = continuationDetail,
                RecoveryMs = verdict.RecoveryMs,
                Recovered = verdict.Recovered,
            };
        }
        finally
        {
            if (first is not null) await first.DisposeAsync().ConfigureAwait(false);
            if (second is not null) await second.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The driver's environment, with the mock it measures against as the LLM and a telemetry name of its own.</summary>
    private Dictionary<string, string> ChildEnvironment(string executor)
    {
        var env = environment.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        if (mockUrl is not null) env["LLM_BASE_URL"] = new Uri(mockUrl, "v1").ToString();
        env["OTEL_SERVICE_NAME"] = $"{executor}-crash-recovery";
        return env;
    }

    private async Task<(ExecutorInfo? Info, string? Why)> WaitHealthyAsync(LaunchedExecutor process, Uri url, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (!process.HasExited && Stopwatch.GetTimestamp() < deadline)
        {
            var status = await ExecutorProbe.ProbeAsync(control, new ExecutorTarget($"{url.Port}-crash-recovery", url, "crash-recovery"), TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            if (status.Available) return (status.Info, null);
        }
        var tail = process.Tail;
        return (null, process.HasExited
            ? $"the process exited; last output: {(tail.Length > 800 ? tail[^800..] : tail)}"
            : $"not healthy within {wait.TotalSeconds:0.#} s");
    }

    /// <summary>The mock's count of the in-flight run's answered LLM calls, polled until it reaches <paramref name="target"/> or time is up.</summary>
    private async Task<long?> InFlightLlmCallsAsync(string runId, int target, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (mock is null) return null;
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var runs = await mock.GetRunsAsync([runId], cancellationToken).ConfigureAwait(false);
            var calls = runs.TryGetValue(runId, out var stats) ? stats.LlmCalls : 0;
            if (calls >= target || Stopwatch.GetTimestamp() >= deadline) return calls;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The durability mode the executor reports among its settings (a key naming durability), e.g. LangGraph's <c>durability: async</c>.</summary>
    public static string? DurabilitySetting(ExecutorInfo? info) =>
        info?.Settings?.FirstOrDefault(kv => kv.Key.Contains("durab", StringComparison.OrdinalIgnoreCase)) is { Key: not null } kv
            ? $"{kv.Key}={kv.Value}" : null;

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static string Summary(CrashRecoveryResult r) => r.Status != Measured
        ? $"{r.Status}: {r.Reason}"
        : $"killed pid {r.KilledPid} after {r.KilledAfterMs:0} ms; in-flight turn {r.InFlightTurn} ({r.InFlightClientOutcome}); " +
          $"restart healthy in {r.RestartHealthyMs?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} ms; session {r.Session}; " +
          (r.RecoveryMs is { } ms ? $"recovered in {ms:0} ms" : "not recovered");
}
