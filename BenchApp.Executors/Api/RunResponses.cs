using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Api;

public static class RunResponses
{
    public static RunResponse Create(string sessionId, TurnResult turn, double totalMs, double stateMs, StateBytes? stateBytes = null) => new()
    {
        SessionId = sessionId,
        Output = turn.Output,
        StopReason = turn.StopReason,
        Iterations = turn.Iterations,
        LlmCalls = turn.LlmCalls,
        ToolCalls = turn.ToolCalls,
        Usage = new RunUsage(turn.InputTokens, turn.OutputTokens),
        TimingsMs = new RunTimings(Ms(totalMs), Ms(turn.LlmMs), Ms(turn.ToolMs), Ms(stateMs)),
        StateBytes = stateBytes,
    };

    // Microsecond resolution is all a timing here can honestly claim.
    private static double Ms(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}

/// <summary>New session ids: 32 lowercase hex characters (a UUID without dashes), as the contract says.</summary>
public static class SessionIds
{
    public static string New() => Guid.NewGuid().ToString("N");
}
