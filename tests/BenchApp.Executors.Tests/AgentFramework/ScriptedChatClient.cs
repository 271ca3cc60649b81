using Microsoft.Extensions.AI;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>
/// A leaf chat client that answers from a script and records every request, to test the agent's loop, history and
/// telemetry without a network. Not a benchmark stand-in: it is never timed.
/// </summary>
public sealed class ScriptedChatClient(Func<int, IReadOnlyList<ChatMessage>, ChatResponse> script) : IChatClient
{
    private readonly Lock _lock = new();

    public List<List<ChatMessage>> Requests { get; } = [];

    public static ChatResponse ToolCalls(params (string Name, string ArgumentsJson)[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, [.. calls.Select((c, i) => (AIContent)new FunctionCallContent(
            "call_" + Guid.NewGuid().ToString("N")[..8] + i, c.Name,
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(c.ArgumentsJson)!.ToDictionary(kv => kv.Key, kv => kv.Value)))]))
        { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 } };

    public static ChatResponse Answer(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 3 } };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var copy = messages.ToList();
        int index;
        lock (_lock)
        {
            Requests.Add(copy);
            index = Requests.Count - 1;
        }
        return Task.FromResult(script(index, copy));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The executor does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", null, "bench-model")
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
