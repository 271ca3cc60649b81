using System.Diagnostics;
using BenchApp.Contracts.Tools;

namespace BenchApp.Executors.Agent;

/// <summary>Runs one tool call of the Contracts tools in an <c>execute_tool</c> span; bad arguments come back as an error result.</summary>
public static class ToolRunner
{
    public static async Task<(ChatMessage Result, double ElapsedMs)> RunAsync(ToolCall call, ActivityContext parent, CancellationToken cancellationToken)
    {
        using var span = AgentTelemetry.StartTool(call, parent);
        var started = Stopwatch.GetTimestamp();
        var result = await BenchTools.ExecuteAsync(call.Name, call.Arguments, cancellationToken).ConfigureAwait(false);
        if (result.IsError) span?.SetTag("error.type", "tool_error");
        return (ChatMessage.ToolResult(call.Id, result.Output), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
