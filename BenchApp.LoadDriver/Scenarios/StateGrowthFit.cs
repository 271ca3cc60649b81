using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Fits the state an executor reported over the growth probe's turns. The session's stored size S(t) is fitted as
/// a power law S = a * t^k by least squares on log-log (k ~ 1: history grows linearly; k ~ 2: every turn re-stores
/// everything, as a checkpointer keeping every step does), and the turn at which S reaches the store's hard limit
/// follows from that fit. Pure, so it is tested on fixed points.
/// </summary>
public static class StateGrowthFit
{
    public const long RedisValueLimitBytes = 512L * 1024 * 1024;
    public const long TemporalHistoryLimitBytes = 50L * 1024 * 1024;
    public const long TemporalEventLimit = 51_200;

    /// <summary>The hard limit of a state store (<c>/v1/info</c> state_store), or null when the driver knows none.</summary>
    public static (string Name, long Bytes)? LimitOf(string? stateStore) => stateStore switch
    {
        "redis" or "redis-json" => ("Redis 512 MB per value", RedisValueLimitBytes),
        "temporal" => ("Temporal 50 MB history", TemporalHistoryLimitBytes),
        _ => null,
    };

    /// <param name="points">(turn, bytes the turn wrote, session bytes after it, history events) with -1 for a null figure.</param>
    public static StateGrowth Fit(IReadOnlyList<long[]> points, string? stateStore)
    {
        var sized = points.Where(p => p[2] > 0).ToList();
        if (sized.Count == 0)
            return new StateGrowth { Points = points, Note = points.Count == 0 ? "no turn answered" : "the executor does not report state_bytes.session" };

        var (k, a) = PowerLaw(sized.Select(p => ((double)p[0], (double)p[2])).ToList());
        var slope = Slope(sized.Select(p => ((double)p[0], (double)p[2])).ToList());
        var limit = LimitOf(stateStore);
        long? limitTurn = limit is { } l && k is > 0 && a is > 0 ? TurnAt(l.Bytes, a.Value, k.Value) : null;

        var evented = points.Where(p => p.Length > 3 && p[3] > 0).ToList();
        long? eventsLimitTurn = null;
        if (evented.Count >= 2 && Slope(evented.Select(p => ((double)p[0], (double)p[3])).ToList()) is > 0 and var perTurn)
        {
            var last = evented[^1];
            eventsLimitTurn = last[0] + (long)Math.Ceiling((TemporalEventLimit - last[3]) / perTurn);
        }

        var turnBytes = points.Where(p => p[1] >= 0).ToList();
        return new StateGrowth
        {
            TurnsReported = sized.Count,
            Points = points,
            FirstTurnBytes = turnBytes.Count > 0 ? turnBytes[0][1] : null,
            LastTurnBytes = turnBytes.Count > 0 ? turnBytes[^1][1] : null,
            SessionBytesEnd = sized[^1][2],
            SessionBytesPerTurn = Math.Round(slope, 1),
            SessionExponent = k is { } kv ? Math.Round(kv, 3) : null,
            SessionCoefficient = a is { } av ? Math.Round(av, 1) : null,
            Limit = limit?.Name,
            LimitBytes = limit?.Bytes,
            LimitTurn = limitTurn,
            EventsEnd = evented.Count > 0 ? evented[^1][3] : null,
            EventsLimitTurn = eventsLimitTurn,
            Note = sized.Count < 3 ? "fewer than 3 turns reported a size: no fit" : null,
        };
    }

    /// <summary>Least squares of ln y = ln a + k ln x; (null, null) with fewer than 3 points or no spread in x.</summary>
    public static (double? K, double? A) PowerLaw(IReadOnlyList<(double X, double Y)> points)
    {
        var logs = points.Where(p => p.X > 0 && p.Y > 0).Select(p => (Math.Log(p.X), Math.Log(p.Y))).ToList();
        if (logs.Count < 3) return (null, null);
        var k = Slope(logs);
        if (double.IsNaN(k)) return (null, null);
        var intercept = logs.Average(p => p.Item2) - k * logs.Average(p => p.Item1);
        return (k, Math.Exp(intercept));
    }

    /// <summary>The first whole turn t with a * t^k >= limit; null beyond a billion turns (effectively never).</summary>
    public static long? TurnAt(long limitBytes, double a, double k)
    {
        var t = Math.Pow(limitBytes / a, 1 / k);
        return double.IsFinite(t) && t < 1e9 ? (long)Math.Ceiling(t) : null;
    }

    private static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
