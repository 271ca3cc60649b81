using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Tests.Agent;

/// <summary>Effects that answer from a script and record what the loop asked for.</summary>
internal sealed class ScriptedEffects(params LlmReply[] replies) : IAgentEffects
{
    private int _next;

    public List<ChatMessage[]> LlmRequests { get; } = [];
    public List<ToolCall[]> ToolSteps { get; } = [];

    public Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        LlmRequests.Add([.. history]);
        if (_next >= replies.Length) throw new InvalidOperationException("The loop called the LLM more often than scripted.");
        return Task.FromResult(replies[_next++]);
    }

    public Task<ToolStepResult> RunToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken)
    {
        ToolSteps.Add([.. calls]);
        var results = calls.Select(c => ChatMessage.ToolResult(c.Id, $"result of {c.Name}({c.Arguments})")).ToList();
        return Task.FromResult(new ToolStepResult(results, ElapsedMs: 2.5));
    }

    public static LlmReply Text(string text, long input = 10, long output = 5) =>
        new(ChatMessage.Assistant(text), input, output, ElapsedMs: 1.0);

    public static LlmReply Calls(params ToolCall[] calls) =>
        new(ChatMessage.Assistant(null, calls), 20, 3, ElapsedMs: 1.0);

    public static ToolCall Weather(string id, string city = "Paris") => new(id, "get_weather", $"{{\"city\":\"{city}\"}}");
}
