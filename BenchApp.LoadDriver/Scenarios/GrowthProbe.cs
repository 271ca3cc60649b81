using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Memory growth across many turns: one session, turn after turn (its history growing), with the executor's
/// RSS read along the way. The slope (KiB per turn) shows state kept in memory; the first and last turns'
/// latency show what a longer history costs.
/// </summary>
public static class GrowthProbe
{
    public static async Task<GrowthResult> RunAsync(
        HttpClient http, ExecutorStatus executor, ScenarioDefinition scenario, int turns, TimeSpan timeout,
        IRunProgress progress, CancellationToken cancellationToken)
    {
        var client = new ExecutorClient(http, executor.Target.Url!, timeout);
        using var phase = progress.Begin(executor.Name, $"growth {turns} turns", turns);
        var every = Math.Max(1, turns / 50);
        var points = new List<long[]>();
        var statePoints = new List<long[]>();
        var latencies = new List<double>();
        string? session = null;
        string? note = null;
        long errors = 0;
        IReadOnlyList<int> tree = executor.SamplingPid is { } root ? ProcFs.Tree(root) : [];

        long? Rss()
        {
            if (executor.SamplingPid is null) return null;
            long sum = 0;
            foreach (var pid in tree)
                if (ProcFs.TryReadMemory(pid, out var rss, out _)) sum += rss;
            return sum;
        }

        if (Rss() is { } start) points.Add([0, start]);
        for (var turn = 1; turn <= turns && !cancellationToken.IsCancellationRequested; turn++)
        {
            var attempt = await client.SendAsync(new RunRequest
            {
                Message = scenario.Directive.ToMessage($"Growth probe turn {turn}."),
                SessionId = session,
                MaxIterations = scenario.MaxIterations,
            }, cancellationToken).ConfigureAwait(false);
            if (attempt.Cancelled) break;
            var problem = attempt.Error != ErrorKind.None ? $"{ErrorNames.Of(attempt.Error)}: {attempt.Detail}"
                : ReplyCheck.Problem(scenario, attempt.Response!, session);
            if (problem is not null)
            {
                errors++;
                note = $"stopped at turn {turn}: {problem}";
                break;
            }
            session = attempt.Response!.SessionId;
            latencies.Add(attempt.LatencyMs);
            if (attempt.Response.StateBytes is { } state)
                statePoints.Add([turn, state.Turn ?? -1, state.Session ?? -1, state.Events ?? -1]);
            if (turn % every == 0 || turn == turns)
            {
                if (points.Count % 10 == 0 && executor.SamplingPid is { } r) tree = ProcFs.Tree(r);
                if (Rss() is { } rss) points.Add([turn, rss]);
            }
            phase.Update(turn, default, warmup: false);
        }

        var window = Math.Max(1, Math.Min(10, latencies.Count / 4));
        var result = new GrowthResult
        {
            Executor = executor.Name,
            Turns = latencies.Count,
            Errors = errors,
            RssStartKb = points.Count > 0 ? points[0][1] : null,
            RssEndKb = points.Count > 0 ? points[^1][1] : null,
            RssKbPerTurn = points.Count >= 2 ? Math.Round(Slope(points), 3) : null,
            FirstTurnsP50Ms = latencies.Count > 0 ? LatencyStats.FromMilliseconds(latencies.Take(window))!.P50 : null,
            LastTurnsP50Ms = latencies.Count > 0 ? LatencyStats.FromMilliseconds(latencies.TakeLast(window))!.P50 : null,
            Points = points,
            Note = note ?? (executor.SamplingPid is null ? executor.SamplingNote ?? "executor process not sampled" : null),
            State = StateGrowthFit.Fit(statePoints, executor.Info?.StateStore),
        };
        var stateText = result.State is { SessionExponent: { } k } s ? $", state {s.SessionBytesEnd} B after the last turn (~turn^{k:0.##}, limit at turn {s.LimitTurn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"})" : "";
        phase.Complete($"{result.Turns} turns, RSS {result.RssStartKb / 1024.0:0.#} -> {result.RssEndKb / 1024.0:0.#} MiB ({result.RssKbPerTurn:0.##} KiB/turn), p50 first {result.FirstTurnsP50Ms:0.###} ms, last {result.LastTurnsP50Ms:0.###} ms{stateText}");
        return result;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    public static double Slope(IReadOnlyList<long[]> points)
    {
        var n = points.Count;
        var meanX = points.Average(p => (double)p[0]);
        var meanY = points.Average(p => (double)p[1]);
        var sxx = points.Sum(p => (p[0] - meanX) * (p[0] - meanX));
        var sxy = points.Sum(p => (p[0] - meanX) * (p[1] - meanY));
        return n < 2 || sxx == 0 ? 0 : sxy / sxx;
    }
}
