using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchApp.Executors.Agent;

/// <summary>How a session's history is stored (Redis): compact snake_case JSON, source-generated.</summary>
public static class HistoryJson
{
    public static byte[] Serialize(List<ChatMessage> history) =>
        JsonSerializer.SerializeToUtf8Bytes(history, HistoryJsonContext.Default.ListChatMessage);

    public static List<ChatMessage> Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ListChatMessage)
        ?? throw new JsonException("The stored history is null.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ChatMessage>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
