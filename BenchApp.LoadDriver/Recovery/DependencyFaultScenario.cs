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
/// dependency-fault: a few workers send simple turns (one LLM call, a session carried on so each turn reads and
/// writes the history) while the driver freezes Redis for a configured time. Every executor gets the same script;
/// one whose state is not in Redis (Temporal) shows that the pause does not reach it.
/// </summary>
public sealed class DependencyFaultScenario(HttpClient http, RedisPause? redis, string? redisReason, MockLlmAdmin? mock, BenchmarkConfig config, IRunProgress progress)
{
    public const string Name = "dependency-fault";
    public const string Measured = "measured";
    public const string NotMeasured = "not_measured";

    /// <summary>Turns per session before a new one: the history stays small, so the pause is what is measured.</summary>
    private const int TurnsPerSession = 10;

    public static ScenarioDefinition Turn { get; } = new()
    {
        Name = Name,
        Description = "one LLM call per turn on a carried-on session while Redis is frozen",
        Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 8 },
    };

    private readonly RunIds _runIds = new();

    public async Task<DependencyFaultResult> RunAsync(ExecutorStatus executor, CancellationToken cancellationToken)
    {
        var settings = config.DependencyFault;
        var row = new DependencyFaultResult
        {
            Executor = executor.Name, Status = NotMeasured, StateStore = executor.Info?.StateStore,
            PauseMs = settings.PauseSeconds * 1000, Concurrency = settings.Concurrency,
        };
        if (redis is null) return row with { Reason = redisReason };

        if (mock is not null)
            await mock.SetConfigAsync(new MockLlmConfig { Latency = new LatencyConfig(), Faults = new FaultConfig(), Seed = config.Seed }, cancellationToken).ConfigureAwait(false);
        var client = new ExecutorClient(http, executor.Target.Url!, TimeSpan.FromSeconds(settings.MaxAnswerSeconds));
        var workers = Enumerable.Range(0, settings.Concurrency).Select(_ => new Worker()).ToList();

        // Warm: each worker's session exists and the executor has answered, so what follows belongs to the pause.
        string? note = null;
        foreach (var worker in workers)
            for (var i = 0; i < settings.WarmupTurns; i++)
            {
                var warm = await SendAsync(client, worker, cancellationToken).ConfigureAwait(false);
                if (warm.Outcome != "200") note = $"a warm-up turn failed ({warm.Outcome}: {warm.Detail})";
            }

        using var phase = progress.Begin(executor.Name, Name, 0);
        var timeline = new Timeline(settings.GoodStreak);
        var pause = TimeSpan.FromSeconds(settings.PauseSeconds);
        var origin = Stopwatch.GetTimestamp();
        try
        {
            await redis.PauseAsync(pause).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or InvalidOperationException or TimeoutException)
        {
            phase.Complete("not measured: Redis refused the pause");
            return row with { Reason = $"Redis refused CLIENT PAUSE: {e.Message}" };
        }
        var pauseEnd = origin + (long)(pause.TotalSeconds * Stopwatch.Frequency);
        var stopAt = pauseEnd + (long)(settings.RecoverySeconds * Stopwatch.Frequency);

        try
        {
            await Task.WhenAll(workers.Select(w => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < stopAt && !timeline.Recovered)
                {
                    var turn = await SendAsync(client, w, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    timeline.Add(turn, pauseEnd);
                    phase.Update(timeline.Count, default, warmup: false);
                }
            }, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await redis.UnpauseAsync().ConfigureAwait(false);
            throw;
        }
        var wall = Stopwatch.GetElapsedTime(origin).TotalSeconds;

        var result = timeline.Summarise(row, origin, pauseEnd) with { Status = Measured, WallSeconds = Math.Round(wall, 3) };
        if (!result.Recovered)
            note = (note is null ? "" : note + "; ") + $"no {settings.GoodStreak} correct replies in a row within {settings.RecoverySeconds:0.#} s after the pause";
        result = result with { Note = note };
        phase.Complete(Summary(result));
        return result;
    }

    private async Task<FaultTurn> SendAsync(ExecutorClient client, Worker worker, CancellationToken cancellationToken)
    {
        var runId = _runIds.Next();
        if (worker.Turns++ % TurnsPerSession == 0) worker.SessionId = null;
        var attempt = await client.SendAsync(new RunRequest { Message = Turn.MessageFor(runId, 0), SessionId = worker.SessionId }, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = attempt.StatusCode != 0 ? attempt.StatusCode.ToString(CultureInfo.InvariantCulture) : RecoveryTurns.Name(attempt.Error);
        var detail = attempt.Detail;
        if (attempt.Error == ErrorKind.None)
        {
            if (ReplyCheck.Problem(Turn, attempt.Response!, worker.SessionId) is { } problem) (outcome, detail) = ("wrong_answer", problem);
            else worker.SessionId = attempt.Response!.SessionId;
        }
        else if (attempt.StatusCode == 404)
        {
            worker.SessionId = null; // the session was lost: start another (and count the 404 as an error)
        }
        return new FaultTurn(attempt.StartTimestamp, attempt.EndTimestamp, outcome, detail);
    }

    public static string Summary(DependencyFaultResult r) =>
        $"{r.DuringRequests} turns during a {r.PauseMs / 1000:0.#} s pause ({string.Join(", ", r.DuringByOutcome.Select(kv => $"{kv.Key}: {kv.Value}"))}), " +
        $"longest {r.LongestAnswerMs?.ToString("0", CultureInfo.InvariantCulture) ?? "-"} ms, other errors {r.OtherErrors}, " +
        (r.RecoveryMs is { } ms ? $"first correct reply {ms:0} ms after the pause" : "not recovered");

    private sealed class Worker
    {
        public string? SessionId;
        public int Turns;
    }

    /// <summary>One turn as the client saw it: <see cref="Outcome"/> is the HTTP status or the client error kind.</summary>
    public readonly record struct FaultTurn(long Start, long End, string Outcome, string? Detail)
    {
        public bool Correct => Outcome == "200";
        public double LatencyMs => (End - Start) * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>The turns of the pause and after it, from every worker; thread-safe.</summary>
    public sealed class Timeline(int goodStreak)
    {
        private readonly List<FaultTurn> _turns = [];
        private int _streak;

        public int Count { get { lock (_turns) return _turns.Count; } }
        public bool Recovered { get { lock (_turns) return _streak >= goodStreak; } }

        public void Add(FaultTurn turn, long pauseEnd)
        {
            lock (_turns)
            {
                _turns.Add(turn);
                if (turn.Start < pauseEnd) return;
                _streak = turn.Correct ? _streak + 1 : 0;
            }
        }

        public DependencyFaultResult Summarise(DependencyFaultResult row, long pauseStart, long pauseEnd)
        {
            lock (_turns)
            {
                var during = _turns.Where(t => t.Start < pauseEnd).ToList();
                var after = _turns.Where(t => t.Start >= pauseEnd).OrderBy(t => t.End).ToList();
                var longest = during.Count == 0 ? (FaultTurn?)null : during.MaxBy(t => t.LatencyMs);
                var others = _turns.Where(t => !t.Correct && t.Outcome != "503").ToList();
                var firstGood = after.FirstOrDefault(t => t.Correct);
                double? recovery = firstGood.Outcome is null ? null : Math.Round(Math.Max(0, (firstGood.End - pauseEnd) * 1000.0 / Stopwatch.Frequency), 1);
                return row with
                {
                    DuringRequests = during.Count,
                    DuringByOutcome = during.GroupBy(t => t.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
                    DependencyNamed = _turns.Count(t => t.Outcome == "503" && t.Detail is { } d && d.Contains("\"dependency\":\"redis\"", StringComparison.Ordinal)),
                    LongestAnswerMs = longest is { } l ? Math.Round(l.LatencyMs, 1) : null,
                    LongestAnswerOutcome = longest?.Outcome,
                    OtherErrors = others.Count,
                    OtherErrorExamples = others.Select(t => $"{t.Outcome}: {t.Detail}").Distinct().Take(5).ToList(),
                    AfterRequests = after.Count,
                    RecoveryMs = recovery,
                    Recovered = _streak >= goodStreak,
                };
            }
        }
    }
}
