namespace BenchApp.Executors.Agent;

/// <summary>
/// One entry of a conversation, in the shape of OpenAI chat messages: a user turn, an assistant reply
/// (text and/or tool calls), or a tool result. The same type is the Redis history, the Temporal workflow
/// state and the activities' payloads, so the two executors hold exactly the same history.
/// </summary>
public sealed record ChatMessage(string Role, string? Content, IReadOnlyList<ToolCall>? ToolCalls = null, string? ToolCallId = null)
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";
    public const string ToolRole = "tool";

    public static ChatMessage User(string text) => new(UserRole, text);

    public static ChatMessage Assistant(string? text, IReadOnlyList<ToolCall>? toolCalls = null) =>
        new(AssistantRole, text, toolCalls is { Count: > 0 } ? toolCalls : null);

    public static ChatMessage ToolResult(string toolCallId, string output) => new(ToolRole, output, null, toolCallId);

    [System.Text.Json.Serialization.JsonIgnore] // derived: not stored, not sent
    public bool HasToolCalls => ToolCalls is { Count: > 0 };

    // Value equality all the way down (a record compares lists by reference), so histories compare by content.
    public bool Equals(ChatMessage? other) =>
        other is not null && Role == other.Role && Content == other.Content && ToolCallId == other.ToolCallId &&
        (ToolCalls ?? []).SequenceEqual(other.ToolCalls ?? []);

    public override int GetHashCode() => HashCode.Combine(Role, Content, ToolCallId, ToolCalls?.Count ?? 0);
}

/// <summary>A function call the LLM asked for; <see cref="Arguments"/> is the JSON text exactly as the LLM wrote it.</summary>
public sealed record ToolCall(string Id, string Name, string Arguments);
