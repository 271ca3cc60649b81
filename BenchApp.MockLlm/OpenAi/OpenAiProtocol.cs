using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.OpenAi;

/// <summary>OpenAI Chat Completions on the wire.</summary>
public sealed class OpenAiProtocol : IProviderProtocol
{
    public static readonly OpenAiProtocol Instance = new();

    public string Provider => "openai";
    public string ResponseIdPrefix => "chatcmpl-";
    public string ToolCallIdPrefix => "call_";
    public string RequestIdHeader => "x-request-id";

    public bool TryRead(JsonElement root, ChatRequest request, out ProviderError error) =>
        OpenAiRequestReader.TryRead(root, request, out error);

    public void WriteReply(Utf8JsonWriter writer, ReplyContext reply) => OpenAiReplyWriter.WriteCompletion(writer, reply);

    public ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer) => OpenAiStreamWriter.StreamAsync(sse, reply, pacer);

    public void WriteError(Utf8JsonWriter writer, ProviderError error, string requestId) => OpenAiReplyWriter.WriteError(writer, error);
}
