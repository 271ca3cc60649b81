using System.Text.Json;

namespace BenchApp.MockLlm.Completions;

/// <summary>Small checks on request JSON shared by the protocol readers.</summary>
public static class JsonShape
{
    public static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static bool IsBoolean(JsonElement value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False;

    public static bool IsInteger(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => IsInteger(value) ? "an integer" : "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
