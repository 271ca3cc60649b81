using System.Text.Json;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.Completions;

/// <summary>
/// One provider's wire format (OpenAI Chat Completions, Anthropic Messages): how its request is read and
/// how replies, streams and errors are written. <see cref="CompletionFlow"/> does the rest, the same for both.
/// </summary>
public interface IProviderProtocol
{
    /// <summary>gen_ai.provider.name: <c>openai</c> or <c>anthropic</c>.</summary>
    string Provider { get; }

    string ResponseIdPrefix { get; }
    string ToolCallIdPrefix { get; }
    string RequestIdHeader { get; }

    bool TryRead(JsonElement root, ChatRequest request, out ProviderError error);

    void WriteReply(Utf8JsonWriter writer, ReplyContext reply);

    /// <summary>Writes the reply as server-sent events, waiting on <paramref name="pacer"/> before each token.</summary>
    ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer);

    void WriteError(Utf8JsonWriter writer, ProviderError error, string requestId);
}
