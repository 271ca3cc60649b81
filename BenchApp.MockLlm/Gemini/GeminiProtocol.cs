using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.Gemini;

/// <summary>How a Gemini reply is delivered: whole, as server-sent events (<c>alt=sse</c>), or as one streamed JSON array.</summary>
public enum GeminiDelivery
{
    Whole,
    ServerSentEvents,
    JsonArray,
}

/// <summary>
/// Gemini API <c>generateContent</c> / <c>streamGenerateContent</c> on the wire. The model and the delivery
/// come from the URL, not the body, so there is one instance per request.
/// </summary>
public sealed class GeminiProtocol(string model, GeminiDelivery delivery) : IProviderProtocol
{
    public string Model => model;
    public GeminiDelivery Delivery => delivery;

    public string Provider => "gcp.gemini";
    public string ResponseIdPrefix => "";
    public string ToolCallIdPrefix => "fc_";
    public string RequestIdHeader => "x-request-id";

    public string MessagesField => "contents";

    public string StreamContentType => delivery == GeminiDelivery.JsonArray ? "application/json; charset=utf-8" : "text/event-stream; charset=utf-8";

    public bool TryRead(JsonElement root, ChatRequest request, out ProviderError error)
    {
        request.Model = model;
        request.Stream = delivery != GeminiDelivery.Whole;
        return GeminiRequestReader.TryRead(root, request, out error);
    }

    public void WriteReply(Utf8JsonWriter writer, ReplyContext reply) => GeminiReplyWriter.WriteResponse(writer, reply);

    public ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer) =>
        GeminiStreamWriter.StreamAsync(sse, reply, pacer, delivery == GeminiDelivery.JsonArray);

    public void WriteError(Utf8JsonWriter writer, ProviderError error, string requestId) => GeminiReplyWriter.WriteError(writer, error);
}
