using System.Diagnostics;
using System.Globalization;
using BenchApp.Contracts.Directives;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>
/// error-recovery: per fault kind, the mock fails the next N completions; one worker sends the same simple turn
/// (one LLM call) until a streak of correct replies. The same script for every executor. Needs the mock's admin API.
/// </summary>
public sealed class ErrorRecoveryScenario(HttpClient http, MockLlmAdmin mock, BenchmarkConfig config, IRunProgress progress)
{
    public const string Name = "error-recovery";

    public static ScenarioDefinition Turn { get; } = new()
    {
        Name = Name,
        Description = "one LLM call per turn while the mock fails the next completions",
        Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 8 },
    };

    private readonly RunIds _runIds = new();

    public async Task<IReadOnlyList<ErrorRecoveryResult>> RunAsync(ExecutorStatus executor, CancellationToken cancellationToken)
    {
        var settings = config.ErrorRecovery;
        // The client waits longer than the executor's own run timeout (120 s), so a slow recovery is seen, not cut.
        var client = new ExecutorClient(http, executor.Target.Url!, TimeSpan.FromSeconds(config.Driver.RequestTimeoutSeconds));
        var results = new List<ErrorRecoveryResult>();
        foreach (var kind in settings.Kinds)
        {
            using var phase = progress.Begin(executor.Name, $"{Name} {kind}", settings.MaxRequests);
            ErrorRecoveryResult result;
            try
            {
                result = await RunKindAsync(client, executor.Name, kind, settings, phase, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException
                                      || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The mock's admin API failed: without it the faults are not known to have been injected.
                result = new ErrorRecoveryResult
                {
                    Executor = executor.Name, FaultKind = kind, FaultCount = settings.FaultCount, Directive = Turn.Directive.ToString(),
                    ClientErrors = new ErrorCounts(), GoodStreak = settings.GoodStreak, Note = $"not measured: the mock's admin API failed ({e.Message})",
                };
            }
            phase.Complete(Summary(result));
            results.Add(result);
        }
        return results;
    }

    private async Task<ErrorRecoveryResult> RunKindAsync(
        ExecutorClient client, string executor, string kind, ErrorRecoveryConfig settings, IProgressPhase phase, CancellationToken cancellationToken)
    {
        await mock.SetConfigAsync(new MockLlmConfig
        {
            Latency = new LatencyConfig(),
            Faults = new FaultConfig { RetryAfterSeconds = settings.RetryAfterSeconds, HangMs = settings.HangMs },
            Seed = config.Seed,
        }, cancellationToken).ConfigureAwait(false);

        // One good turn first: a failure after the faults then belongs to them, not to a cold executor.
        var warm = await client.SendAsync(new RunRequest { Message = Turn.Directive.ToMessage("Warm-up of error-recovery.") }, cancellationToken).ConfigureAwait(false);
        var note = warm.Error == ErrorKind.None ? null : $"warm-up turn failed ({RecoveryTurns.Name(warm.Error)}: {warm.Detail})";

        await mock.FailNextAsync(settings.FaultCount, kind, cancellationToken).ConfigureAwait(false);
        var turns = new List<TimedOutcome>();
        var runIds = new List<string>();
        var statuses = new Dictionary<string, long>();
        var examples = new List<string>();
        var origin = Stopwatch.GetTimestamp();
        var bound = TimeSpan.FromSeconds(settings.MaxSeconds);
        try
        {
            while (turns.Count < settings.MaxRequests && Stopwatch.GetElapsedTime(origin) < bound && !RecoveryTimeline.Done(turns, settings.GoodStreak))
            {
                var runId = _runIds.Next();
                runIds.Add(runId);
                var attempt = await client.SendAsync(new RunRequest { Message = Turn.MessageFor(runId, turns.Count) }, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var error = attempt.Error;
                var detail = attempt.Detail;
                if (error == ErrorKind.None && ReplyCheck.Problem(Turn, attempt.Response!, null) is { } problem)
                {
                    error = ErrorKind.WrongAnswer;
                    detail = problem;
                }
                if (attempt.StatusCode != 0)
                {
                    var code = attempt.StatusCode.ToString(CultureInfo.InvariantCulture);
                    statuses[code] = statuses.GetValueOrDefault(code) + 1;
                }
                if (error != ErrorKind.None && examples.Count < 5) examples.Add($"{RecoveryTurns.Name(error)}: {detail}");
                turns.Add(new TimedOutcome(Ms(origin, attempt.StartTimestamp), Ms(origin, attempt.EndTimestamp), error));
                phase.Update(turns.Count, default, warmup: false);
            }
        }
        finally
        {
            // Faults not consumed (the executor never reached the mock) must not leak into the next kind or executor.
            await mock.FailNextAsync(0, kind, CancellationToken.None).ConfigureAwait(false);
        }
        var wall = Stopwatch.GetElapsedTime(origin).TotalSeconds;

        IReadOnlyDictionary<string, RunStats> runs = await mock.GetRunsAsync(runIds, cancellationToken).ConfigureAwait(false);
        long llmRequests = runs.Values.Sum(r => r.Requests);
        var recovery = RecoveryTimeline.RecoveryMs(turns, settings.GoodStreak);
        var ok = turns.Count(t => t.Error == ErrorKind.None);
        if (recovery is null)
            note = (note is null ? "" : note + "; ") + $"no {settings.GoodStreak} correct replies in a row within {turns.Count} turns / {wall:0.#} s";
        return new ErrorRecoveryResult
        {
            Executor = executor,
            FaultKind = kind,
            FaultCount = settings.FaultCount,
            Directive = Turn.Directive.ToString(),
            Requests = turns.Count,
            Ok = ok,
            ClientErrors = RecoveryTurns.Count(turns.Select(t => t.Error)),
            ClientErrorRate = turns.Count == 0 ? 0 : (turns.Count - ok) / (double)turns.Count,
            StatusCodes = statuses,
            ErrorExamples = examples,
            LlmRequests = llmRequests,
            LlmOk = runs.Values.Sum(r => r.LlmCalls),
            FaultsServed = runs.Values.Sum(r => r.Faults),
            Retries = RecoveryTimeline.Retries(llmRequests, runs.Count),
            RecoveryMs = recovery,
            Recovered = recovery is not null,
            GoodStreak = settings.GoodStreak,
            WallSeconds = wall,
            Note = note,
        };
    }

    private static double Ms(long origin, long timestamp) => (timestamp - origin) * 1000.0 / Stopwatch.Frequency;

    public static string Summary(ErrorRecoveryResult r) =>
        $"{r.FaultCount} x {r.FaultKind}: client errors {r.ClientErrors.Total}/{r.Requests}, retries {r.Retries?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}, " +
        (r.RecoveryMs is { } ms ? $"recovered in {ms:0} ms" : "not recovered");
}
