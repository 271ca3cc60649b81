using System.Text.Json;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.Completions;

/// <summary>
/// One provider's wire format (OpenAI Chat Completions, Anthropic Messages, Gemini generateContent): how its
/// request is read and how replies, streams and errors are written. <see cref="CompletionFlow"/> does the rest,
/// the same for all.
/// </summary>
public interface IProviderProtocol
{
    /// <summary>gen_ai.provider.name: <c>openai</c>, <c>anthropic</c> or <c>gcp.gemini</c>.</summary>
    string Provider { get; }

    string ResponseIdPrefix { get; }
    string ToolCallIdPrefix { get; }
    string RequestIdHeader { get; }

    bool TryRead(JsonElement root, ChatRequest request, out ProviderError error);

    void WriteReply(Utf8JsonWriter writer, ReplyContext reply);

    /// <summary>Writes the reply as server-sent events, waiting on <paramref name="pacer"/> before each token.</summary>
    ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer);

    void WriteError(Utf8JsonWriter writer, ProviderError error, string requestId);

    /// <summary>The request field a script error is reported against (Gemini: <c>contents</c>).</summary>
    string MessagesField => "messages";

    /// <summary>Content-Type of a streamed reply (Gemini without <c>alt=sse</c> streams one JSON array).</summary>
    string StreamContentType => "text/event-stream; charset=utf-8";

    /// <summary>The HTTP status of an error; a provider may use its own (Anthropic's overload is 529).</summary>
    int StatusCodeOf(ProviderError error) => error.StatusCode;
}
