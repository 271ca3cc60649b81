using System.Diagnostics;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;

namespace BenchApp.Executors.InProc;

/// <summary>The loop's effects as direct calls: the resilient LLM client, and the step's tools concurrently.</summary>
public sealed class InProcAgentEffects(ChatCompletionClient llm) : IAgentEffects
{
    public Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken) =>
        llm.CompleteAsync(history, default, cancellationToken);

    public async Task<ToolStepResult> RunToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new ChatMessage[calls.Count];
        if (calls.Count == 1)
        {
            results[0] = (await ToolRunner.RunAsync(calls[0], default, cancellationToken).ConfigureAwait(false)).Result;
        }
        else
        {
            var tasks = new Task<(ChatMessage Result, double ElapsedMs)>[calls.Count];
            for (var i = 0; i < calls.Count; i++) tasks[i] = ToolRunner.RunAsync(calls[i], default, cancellationToken);
            await Task.WhenAll(tasks).ConfigureAwait(false);
            for (var i = 0; i < tasks.Length; i++) results[i] = tasks[i].Result.Result;
        }
        return new ToolStepResult(results, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
