using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Holds a reply to what its directive asked. A reply that answers something else is a wrong answer,
/// an error, never a latency: an executor that skips the tools would otherwise look fast.
/// </summary>
public static class ReplyCheck
{
    /// <summary>Null when the reply is right; else what is wrong with it.</summary>
    public static string? Problem(ScenarioDefinition scenario, RunResponse reply, string? expectedSession)
    {
        var problems = new List<string>();
        if (reply.StopReason != StopReasons.Completed) problems.Add($"stop_reason '{reply.StopReason}', expected 'completed'");
        if (reply.LlmCalls != scenario.ExpectedLlmCalls) problems.Add($"llm_calls {reply.LlmCalls}, expected {scenario.ExpectedLlmCalls}");
        if (reply.Iterations != scenario.ExpectedLlmCalls) problems.Add($"iterations {reply.Iterations}, expected {scenario.ExpectedLlmCalls}");
        if (reply.ToolCalls != scenario.ExpectedToolCalls) problems.Add($"tool_calls {reply.ToolCalls}, expected {scenario.ExpectedToolCalls}");
        if (string.IsNullOrWhiteSpace(reply.Output)) problems.Add("output is empty");
        if (!RunRequestValidator.IsValidSessionId(reply.SessionId)) problems.Add($"session_id '{reply.SessionId}' is not a valid id");
        else if (expectedSession is not null && reply.SessionId != expectedSession) problems.Add($"session_id '{reply.SessionId}', expected '{expectedSession}'");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
