using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchApp.MockLlm.Scripting;
using Json.Schema;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>Request-side helpers: offered tools from schemas, and JSON Schema validation of arguments.</summary>
public static class Schemas
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static OfferedTool Tool(string name, string schemaJson) => new(name, Parse(schemaJson));

    /// <summary>Validates an instance against a schema (formats checked too); returns the errors, empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, string instanceJson)
    {
        var built = JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 },
            new Uri($"https://benchapp.test/schema/{Guid.NewGuid():N}"));
        using var instance = JsonDocument.Parse(instanceJson);
        var result = built.Evaluate(instance.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no detail)")
            .ToList();
    }

    /// <summary>
    /// Gemini's OpenAPI-subset Schema (<c>parameters</c>) as JSON Schema: upper-case types lower-cased,
    /// <c>nullable: true</c> as a <c>"null"</c> type, int64 keywords written as strings made numbers,
    /// Gemini-only keywords (<c>propertyOrdering</c>, <c>example</c>) dropped.
    /// </summary>
    public static JsonElement FromGeminiSchema(JsonElement schema) =>
        JsonDocument.Parse(Convert(JsonNode.Parse(schema.GetRawText()))!.ToJsonString()).RootElement.Clone();

    private static readonly string[] IntegerKeywords = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];

    private static JsonNode? Convert(JsonNode? node)
    {
        if (node is JsonArray array) return new JsonArray(array.Select(item => Convert(item)).ToArray());
        if (node is not JsonObject obj) return node?.DeepClone();
        var result = new JsonObject();
        var nullable = obj["nullable"] is JsonValue n && n.TryGetValue<bool>(out var isNullable) && isNullable;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "nullable" or "propertyOrdering" or "example":
                    continue;
                case "type" when value is JsonValue t && t.TryGetValue<string>(out var type):
                    var lower = type.ToLowerInvariant();
                    result["type"] = nullable ? new JsonArray(lower, "null") : lower;
                    break;
                case "properties" when value is JsonObject properties:
                    var converted = new JsonObject();
                    foreach (var (name, property) in properties) converted[name] = Convert(property);
                    result["properties"] = converted;
                    break;
                case "items" or "anyOf":
                    result[key] = Convert(value);
                    break;
                case var k when IntegerKeywords.Contains(k) && value is JsonValue v && v.TryGetValue<string>(out var text):
                    result[key] = long.Parse(text, CultureInfo.InvariantCulture);
                    break;
                case "minimum" or "maximum" when value is JsonValue v && v.TryGetValue<string>(out var text):
                    result[key] = double.Parse(text, CultureInfo.InvariantCulture);
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }
        // A nullable enum must admit null as a value too.
        if (nullable && result["enum"] is JsonArray values && !values.Any(v => v is null)) values.Add(null);
        return result;
    }
}
