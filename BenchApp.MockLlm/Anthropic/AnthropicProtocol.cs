using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.Anthropic;

/// <summary>Anthropic Messages on the wire.</summary>
public sealed class AnthropicProtocol : IProviderProtocol
{
    public static readonly AnthropicProtocol Instance = new();

    public string Provider => "anthropic";
    public string ResponseIdPrefix => "msg_";
    public string ToolCallIdPrefix => "toolu_";
    public string RequestIdHeader => "request-id";

    public bool TryRead(JsonElement root, ChatRequest request, out ProviderError error) =>
        AnthropicRequestReader.TryRead(root, request, out error);

    public void WriteReply(Utf8JsonWriter writer, ReplyContext reply) => AnthropicReplyWriter.WriteMessage(writer, reply);

    public ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer) => AnthropicStreamWriter.StreamAsync(sse, reply, pacer);

    public void WriteError(Utf8JsonWriter writer, ProviderError error, string requestId) =>
        AnthropicReplyWriter.WriteError(writer, error, requestId);

    /// <summary>Anthropic answers an overload with 529 <c>overloaded_error</c>.</summary>
    public int StatusCodeOf(ProviderError error) => error.Kind == ErrorKind.Unavailable ? 529 : error.StatusCode;
}
