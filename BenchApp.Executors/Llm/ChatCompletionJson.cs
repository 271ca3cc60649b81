using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchApp.Contracts.Tools;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Llm;

/// <summary>The OpenAI chat-completions wire format: the request written by hand, the reply read by source-generated code.</summary>
internal static class ChatCompletionJson
{
    /// <summary>The <c>tools</c> array for the Contracts tools, serialized once.</summary>
    public static readonly byte[] ToolsJson = WriteTools(BenchTools.Definitions);

    public static void WriteRequest(IBufferWriter<byte> buffer, string model, IReadOnlyList<ChatMessage> messages)
    {
        using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("model"u8, model);
        w.WriteStartArray("messages"u8);
        foreach (var m in messages) WriteMessage(w, m);
        w.WriteEndArray();
        w.WritePropertyName("tools"u8);
        w.WriteRawValue(ToolsJson, skipInputValidation: true);
        w.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage m)
    {
        w.WriteStartObject();
        w.WriteString("role"u8, m.Role);
        if (m.Content is null) w.WriteNull("content"u8);
        else w.WriteString("content"u8, m.Content);
        if (m.ToolCallId is not null) w.WriteString("tool_call_id"u8, m.ToolCallId);
        if (m.ToolCalls is { Count: > 0 } calls)
        {
            w.WriteStartArray("tool_calls"u8);
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, call.Id);
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, call.Name);
                w.WriteString("arguments"u8, call.Arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static byte[] WriteTools(IReadOnlyList<BenchToolDefinition> tools)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var tool in tools)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, tool.Name);
                w.WriteString("description"u8, tool.Description);
                w.WritePropertyName("parameters"u8);
                tool.Parameters.WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The assistant message and usage of a reply; throws <see cref="LlmException"/> (MalformedReply) when it is not one.</summary>
    public static (ChatMessage Message, long InputTokens, long OutputTokens) ReadReply(ReadOnlySpan<byte> body)
    {
        ChatCompletionResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, ChatCompletionJsonContext.Default.ChatCompletionResponse);
        }
        catch (JsonException e)
        {
            throw new LlmException(LlmFailureKind.MalformedReply, "The LLM's reply is not valid JSON.", inner: e);
        }

        var message = response?.Choices is { Count: > 0 } choices ? choices[0].Message : null;
        if (message is null)
            throw new LlmException(LlmFailureKind.MalformedReply, "The LLM's reply has no choices[0].message.");

        List<ToolCall>? calls = null;
        if (message.ToolCalls is { Count: > 0 } wireCalls)
        {
            calls = new List<ToolCall>(wireCalls.Count);
            foreach (var c in wireCalls)
            {
                if (c.Id is null || c.Function?.Name is null)
                    throw new LlmException(LlmFailureKind.MalformedReply, "A tool call in the LLM's reply has no id or function name.");
                calls.Add(new ToolCall(c.Id, c.Function.Name, ArgumentsText(c.Function.Arguments)));
            }
        }

        var content = message.Content is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;
        return (ChatMessage.Assistant(content, calls), response!.Usage?.PromptTokens ?? 0, response.Usage?.CompletionTokens ?? 0);
    }

    // Arguments are a JSON string by the spec; some servers send the object itself.
    private static string ArgumentsText(JsonElement arguments) => arguments.ValueKind switch
    {
        JsonValueKind.String => arguments.GetString()!,
        JsonValueKind.Undefined or JsonValueKind.Null => "{}",
        _ => arguments.GetRawText(),
    };
}

internal sealed record ChatCompletionResponse(IReadOnlyList<ChatCompletionChoice>? Choices, ChatCompletionUsage? Usage);

internal sealed record ChatCompletionChoice(ChatCompletionMessage? Message, string? FinishReason);

// Content is read as a JsonElement: null, a string, or (from some servers) an array of parts, which we ignore.
internal sealed record ChatCompletionMessage(string? Role, JsonElement Content, IReadOnlyList<ChatCompletionToolCall>? ToolCalls);

internal sealed record ChatCompletionToolCall(string? Id, string? Type, ChatCompletionFunction? Function);

internal sealed record ChatCompletionFunction(string? Name, JsonElement Arguments);

internal sealed record ChatCompletionUsage(long? PromptTokens, long? CompletionTokens);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletionResponse))]
internal sealed partial class ChatCompletionJsonContext : JsonSerializerContext;
