using System.Text.Json;
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
}
