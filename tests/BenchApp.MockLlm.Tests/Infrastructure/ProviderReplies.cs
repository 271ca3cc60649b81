using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>A tool call read back from any provider's reply: the tool and its arguments (JSON text).</summary>
public sealed record ReadToolCall(string Name, string Arguments);

/// <summary>What a completion answered, provider-neutral: tool calls, or final text.</summary>
public sealed record ReadReply(IReadOnlyList<ReadToolCall> ToolCalls, string Text)
{
    public string Kind => ToolCalls.Count > 0 ? "tool_calls" : "final";
}

/// <summary>
/// Reads OpenAI, Anthropic and Gemini replies, whole or streamed, the way the SDKs assemble them, and finds
/// the schema a request offered for a tool (Gemini's OpenAPI subset turned into JSON Schema for validation).
/// </summary>
public static class ProviderReplies
{
    public static ReadReply Read(string protocol, bool stream, string body) => (protocol, stream) switch
    {
        ("openai-chat", false) => OpenAi(JsonDocument.Parse(body).RootElement),
        ("openai-chat", true) => OpenAiStream(SseEvent.Parse(body)),
        ("anthropic-messages", false) => Anthropic(JsonDocument.Parse(body).RootElement),
        ("anthropic-messages", true) => AnthropicStream(SseEvent.Parse(body)),
        ("gemini", false) => Gemini([JsonDocument.Parse(body).RootElement]),
        ("gemini", true) => Gemini(body.TrimStart().StartsWith('[')
            ? JsonDocument.Parse(body).RootElement.EnumerateArray().ToList()
            : SseEvent.Parse(body).Select(e => e.Json).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    public static bool IsStream(string protocol, string path, JsonElement request) => protocol == "gemini"
        ? path.Contains(":streamGenerateContent", StringComparison.Ordinal)
        : request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    private static ReadReply OpenAi(JsonElement reply)
    {
        var message = reply.GetProperty("choices")[0].GetProperty("message");
        var calls = message.TryGetProperty("tool_calls", out var tc) && tc.ValueKind == JsonValueKind.Array
            ? tc.EnumerateArray().Select(c => new ReadToolCall(c.GetProperty("function").GetProperty("name").GetString()!,
                c.GetProperty("function").GetProperty("arguments").GetString()!)).ToList()
            : [];
        return new ReadReply(calls, message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : "");
    }

    private static ReadReply OpenAiStream(IReadOnlyList<SseEvent> events)
    {
        var names = new SortedDictionary<int, string>();
        var args = new SortedDictionary<int, StringBuilder>();
        var text = new StringBuilder();
        foreach (var e in events.Where(e => e.Data != "[DONE]"))
        {
            var choices = e.Json.GetProperty("choices");
            if (choices.GetArrayLength() == 0) continue;
            var delta = choices[0].GetProperty("delta");
            if (delta.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String) text.Append(c.GetString());
            if (!delta.TryGetProperty("tool_calls", out var calls)) continue;
            foreach (var call in calls.EnumerateArray())
            {
                var index = call.GetProperty("index").GetInt32();
                var function = call.GetProperty("function");
                if (function.TryGetProperty("name", out var name)) names[index] = name.GetString()!;
                if (!args.TryGetValue(index, out var sb)) args[index] = sb = new StringBuilder();
                if (function.TryGetProperty("arguments", out var piece)) sb.Append(piece.GetString());
            }
        }
        return new ReadReply(names.Select(n => new ReadToolCall(n.Value, args[n.Key].ToString())).ToList(), text.ToString());
    }

    private static ReadReply Anthropic(JsonElement reply)
    {
        var blocks = reply.GetProperty("content").EnumerateArray().ToList();
        return new ReadReply(
            blocks.Where(b => b.GetProperty("type").GetString() == "tool_use")
                .Select(b => new ReadToolCall(b.GetProperty("name").GetString()!, b.GetProperty("input").GetRawText())).ToList(),
            string.Concat(blocks.Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString())));
    }

    private static ReadReply AnthropicStream(IReadOnlyList<SseEvent> events)
    {
        var names = new SortedDictionary<int, string>();
        var args = new SortedDictionary<int, StringBuilder>();
        var text = new StringBuilder();
        foreach (var e in events)
        {
            var json = e.Json;
            if (e.Name == "content_block_start" && json.GetProperty("content_block").GetProperty("type").GetString() == "tool_use")
            {
                names[json.GetProperty("index").GetInt32()] = json.GetProperty("content_block").GetProperty("name").GetString()!;
                args[json.GetProperty("index").GetInt32()] = new StringBuilder();
            }
            else if (e.Name == "content_block_delta")
            {
                var delta = json.GetProperty("delta");
                if (delta.TryGetProperty("partial_json", out var piece)) args[json.GetProperty("index").GetInt32()].Append(piece.GetString());
                if (delta.TryGetProperty("text", out var t)) text.Append(t.GetString());
            }
        }
        return new ReadReply(names.Select(n => new ReadToolCall(n.Value, args[n.Key].ToString())).ToList(), text.ToString());
    }

    private static ReadReply Gemini(IReadOnlyList<JsonElement> chunks)
    {
        var calls = new List<ReadToolCall>();
        var text = new StringBuilder();
        foreach (var chunk in chunks)
        {
            if (!chunk.TryGetProperty("candidates", out var candidates) || candidates.GetArrayLength() == 0) continue;
            if (!candidates[0].TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts)) continue;
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("text", out var t)) text.Append(t.GetString());
                if (part.TryGetProperty("functionCall", out var call))
                    calls.Add(new ReadToolCall(call.GetProperty("name").GetString()!,
                        call.TryGetProperty("args", out var a) ? a.GetRawText() : "{}"));
            }
        }
        return new ReadReply(calls, text.ToString());
    }

    /// <summary>The JSON Schema the request offered for <paramref name="tool"/>; null when the tool is not offered.</summary>
    public static JsonElement? OfferedSchema(string protocol, JsonElement request, string tool)
    {
        if (!request.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array) return null;
        foreach (var item in tools.EnumerateArray())
        {
            switch (protocol)
            {
                case "openai-chat" when item.TryGetProperty("function", out var f) && f.GetProperty("name").GetString() == tool:
                    return f.TryGetProperty("parameters", out var p) ? p : Schemas.Parse("{}");
                case "anthropic-messages" when item.TryGetProperty("name", out var n) && n.GetString() == tool:
                    return item.GetProperty("input_schema");
                case "gemini" when item.TryGetProperty("functionDeclarations", out var declarations):
                    foreach (var d in declarations.EnumerateArray())
                    {
                        if (d.GetProperty("name").GetString() != tool) continue;
                        if (d.TryGetProperty("parametersJsonSchema", out var json)) return json;
                        return d.TryGetProperty("parameters", out var openApi) ? Schemas.FromGeminiSchema(openApi) : Schemas.Parse("{}");
                    }
                    break;
            }
        }
        return null;
    }
}
