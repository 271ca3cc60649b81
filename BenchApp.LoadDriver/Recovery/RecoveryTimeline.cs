using BenchApp.LoadDriver.Load;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>One turn of a recovery scenario, in milliseconds since the first turn after the faults were armed.</summary>
public sealed record TimedOutcome(double StartMs, double EndMs, ErrorKind Error);

/// <summary>
/// When replies were right again: the first reply of the first run of <c>streak</c> correct replies in a row.
/// Recovery time is from the origin (the first faulted turn was sent) to that reply's arrival.
/// </summary>
public static class RecoveryTimeline
{
    /// <summary>Index of the turn that began the good streak, or null when no streak of that length happened.</summary>
    public static int? StreakStart(IReadOnlyList<TimedOutcome> turns, int streak)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streak, 1);
        var run = 0;
        for (var i = 0; i < turns.Count; i++)
        {
            run = turns[i].Error == ErrorKind.None ? run + 1 : 0;
            if (run == streak) return i - streak + 1;
        }
        return null;
    }

    public static double? RecoveryMs(IReadOnlyList<TimedOutcome> turns, int streak) =>
        StreakStart(turns, streak) is { } i ? turns[i].EndMs : null;

    /// <summary>True once the turns so far hold the streak: the driver stops sending then.</summary>
    public static bool Done(IReadOnlyList<TimedOutcome> turns, int streak) => StreakStart(turns, streak) is not null;

    /// <summary>LLM requests beyond each turn's first attempt, for a directive of one LLM call per turn; never negative.</summary>
    public static long Retries(long llmRequests, int turnsThatReachedTheLlm) => Math.Max(0, llmRequests - turnsThatReachedTheLlm);
}
