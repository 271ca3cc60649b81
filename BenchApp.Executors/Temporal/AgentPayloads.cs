using System.Text.Json;
using System.Text.Json.Serialization;
using Temporalio.Converters;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// How the executor's payloads are written into histories: camelCase JSON without nulls, the SDK's default
/// converter otherwise. Names are read case-insensitively, so histories written with PascalCase still replay.
/// The client, the worker and the replay tests all use this one converter.
/// </summary>
public static class AgentPayloads
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly DataConverter Converter = DataConverter.Default with { PayloadConverter = new DefaultPayloadConverter(JsonOptions) };
}
