using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// Writes arguments valid for a tool's JSON schema, deterministically per call index: required properties
/// (and <c>delay_ms</c> when a tool delay is asked and the schema has it); a value from <c>examples</c> (by call
/// index), else <c>const</c> or the first <c>enum</c> value, else a name heuristic (city, expression, ...), else
/// by type within its bounds. Frameworks derive schemas from code (pydantic) without examples, with
/// <c>$ref</c>/<c>$defs</c>, <c>anyOf</c> with null, nested objects and arrays: all are followed.
/// </summary>
public static class ToolArgumentGenerator
{
    public const string DelayProperty = "delay_ms";
    private const int MaxDepth = 10;
    private const int MaxArrayItems = 16;
    private const int MaxStringLength = 4096;

    /// <summary>Values written at most per call: a schema of nested arrays must not explode the reply.</summary>
    private const int MaxValues = 2000;

    private static readonly string[] Cities = ["Paris", "Tokyo", "Lagos", "Lima", "Oslo", "Sydney", "Toronto", "Mumbai"];
    private static readonly string[] Expressions = ["2 + 3 * 4", "(17 - 5) / 4", "1 / 128", "2 * (3 + 4) - 5", "100 % 7", "-3.5 * 2"];
    private static readonly string[] Countries = ["France", "Japan", "Nigeria", "Peru", "Norway", "Australia"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    public static string Generate(JsonElement parameters, int callIndex, int delayMs)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var context = new Context(parameters, callIndex, delayMs, new Budget { Left = MaxValues });
            var schema = context.Resolve(parameters);
            if (schema.ValueKind == JsonValueKind.Object) WriteObject(writer, schema, context, depth: 0);
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class Budget
    {
        public int Left;
    }

    private readonly record struct Context(JsonElement Root, int CallIndex, int DelayMs, Budget Budget)
    {
        /// <summary>Follows local <c>$ref</c>s (<c>#/$defs/X</c>, <c>#/definitions/X</c>, any JSON pointer into the root).</summary>
        public JsonElement Resolve(JsonElement schema)
        {
            for (var hops = 0; hops < 16 && schema.ValueKind == JsonValueKind.Object
                 && schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hops++)
            {
                var target = Pointer(reference.GetString()!);
                if (target.ValueKind == JsonValueKind.Undefined) break;
                schema = target;
            }
            return schema;
        }

        private JsonElement Pointer(string reference)
        {
            if (!reference.StartsWith('#')) return default;
            var node = Root;
            foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var segment = raw.Replace("~1", "/").Replace("~0", "~");
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node)) return default;
            }
            return node;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, Context context, int depth)
    {
        writer.WriteStartObject();
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array ? r : default;
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        if (hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var isDelay = depth == 0 && property.NameEquals(DelayProperty);
                if (IsRequired(required, property.Name) || (isDelay && context.DelayMs > 0))
                {
                    writer.WritePropertyName(property.Name);
                    if (isDelay) WriteDelay(writer, context.Resolve(property.Value), context.DelayMs);
                    else WriteValue(writer, property.Name, property.Value, context, depth + 1);
                }
            }
        }
        // Required names the schema does not describe still need a value.
        if (required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.ValueKind != JsonValueKind.String) continue;
                var text = name.GetString()!;
                if (hasProperties && properties.TryGetProperty(text, out _)) continue;
                writer.WriteString(text, $"value-{context.CallIndex}");
            }
        }
        writer.WriteEndObject();
    }

    private static bool IsRequired(JsonElement required, string name)
    {
        if (required.ValueKind != JsonValueKind.Array) return false;
        foreach (var item in required.EnumerateArray())
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(name)) return true;
        return false;
    }

    private static void WriteDelay(Utf8JsonWriter writer, JsonElement schema, int delayMs)
    {
        var (low, high) = IntegerBounds(schema);
        writer.WriteNumberValue(Math.Clamp(delayMs, low, Math.Max(low, high)));
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, JsonElement schema, Context context, int depth)
    {
        schema = context.Resolve(schema);
        if (--context.Budget.Left < 0 || schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            writer.WriteStringValue($"value-{context.CallIndex}");
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }
        if (IsNullable(schema, context) && ChoosesNull(name, schema, context))
        {
            writer.WriteNullValue();
            return;
        }
        if (FirstNonNullAlternative(schema, context) is { } alternative)
        {
            WriteValue(writer, name, alternative, context, depth + 1);
            return;
        }
        if (schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        {
            examples[context.CallIndex % examples.GetArrayLength()].WriteTo(writer);
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        switch (TypeOf(schema))
        {
            case "integer":
                writer.WriteNumberValue(IntegerFor(schema, context.CallIndex));
                break;
            case "number":
                writer.WriteNumberValue(NumberFor(schema, context.CallIndex));
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            case "array":
                WriteArray(writer, name, schema, context, depth);
                break;
            case "object":
                WriteObject(writer, schema, context, depth);
                break;
            default:
                writer.WriteStringValue(StringFor(name, schema, context.CallIndex));
                break;
        }
    }

    /// <summary>
    /// A schema that admits null: <c>anyOf</c>/<c>oneOf</c> with a null branch (pydantic's Optional), a type list
    /// with <c>"null"</c>, or OpenAPI's <c>nullable: true</c> (Gemini). Strict schemas make such properties required.
    /// </summary>
    private static bool IsNullable(JsonElement schema, Context context)
    {
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True) return true;
        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            foreach (var t in type.EnumerateArray())
                if (t.ValueKind == JsonValueKind.String && string.Equals(t.GetString(), "null", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(keyword, out var branches) || branches.ValueKind != JsonValueKind.Array) continue;
            foreach (var branch in branches.EnumerateArray())
                if (TypeOf(context.Resolve(branch)) == "null") return true;
        }
        return false;
    }

    /// <summary>
    /// Null for a nullable value only when the alternative would be made up: a free string (no examples,
    /// const, enum or format, and no name the heuristic knows). An enum gives its first value, a number,
    /// boolean, object or array a valid value, a known name (city, expression, ...) its value.
    /// </summary>
    private static bool ChoosesNull(string name, JsonElement schema, Context context)
    {
        if (HasValueSource(schema)) return false;
        var inner = FirstNonNullAlternative(schema, context) ?? schema;
        if (HasValueSource(inner) || inner.TryGetProperty("format", out _)) return false;
        return TypeOf(inner) is "string" or null && ByName(name.ToLowerInvariant(), context.CallIndex) is null;
    }

    private static bool HasValueSource(JsonElement schema) =>
        schema.TryGetProperty("const", out _)
        || (schema.TryGetProperty("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        || (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0);

    /// <summary><c>anyOf</c>/<c>oneOf</c> (pydantic's Optional[X] is anyOf [X, null]) and <c>allOf</c>: the first branch that is not null.</summary>
    private static JsonElement? FirstNonNullAlternative(JsonElement schema, Context context)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (!schema.TryGetProperty(keyword, out var branches) || branches.ValueKind != JsonValueKind.Array) continue;
            foreach (var branch in branches.EnumerateArray())
            {
                var resolved = context.Resolve(branch);
                if (TypeOf(resolved) != "null") return resolved;
            }
        }
        return null;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        // Lower-cased: Gemini's OpenAPI subset writes STRING, OBJECT, ...
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String) return type.GetString()!.ToLowerInvariant();
            if (type.ValueKind == JsonValueKind.Array)
            {
                string? first = null;
                foreach (var t in type.EnumerateArray())
                {
                    if (t.ValueKind != JsonValueKind.String) continue;
                    var name = t.GetString()!.ToLowerInvariant();
                    if (name != "null") return name;
                    first ??= name;
                }
                return first;
            }
        }
        if (schema.TryGetProperty("properties", out _)) return "object";
        if (schema.TryGetProperty("items", out _)) return "array";
        return null;
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, JsonElement schema, Context context, int depth)
    {
        var min = TryInt(schema, "minItems", out var m) ? Math.Max(0, m) : 0;
        var max = TryInt(schema, "maxItems", out var x) ? x : int.MaxValue;
        var count = Math.Min(Math.Min(Math.Max(min, 1), max), MaxArrayItems);
        schema.TryGetProperty("items", out var items);
        writer.WriteStartArray();
        for (var k = 0; k < count && (k == 0 || context.Budget.Left > 0); k++)
            WriteValue(writer, Singular(name), items, context with { CallIndex = context.CallIndex + k }, depth + 1);
        writer.WriteEndArray();
    }

    private static string Singular(string name) => name.EndsWith('s') && name.Length > 1 ? name[..^1] : name;

    private static string StringFor(string name, JsonElement schema, int callIndex)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var value = format switch
        {
            "date-time" => "2025-01-15T12:00:00Z",
            "date" => "2025-01-15",
            "time" => "12:00:00",
            "email" => $"user{callIndex}@example.com",
            "uri" or "url" => $"https://example.com/{callIndex}",
            "uuid" => $"00000000-0000-4000-8000-{callIndex % 1_000_000_000_000:D12}",
            "ipv4" => "192.0.2.1",
            _ => ByName(name.ToLowerInvariant(), callIndex) ?? $"value-{callIndex}",
        };

        var minLength = TryInt(schema, "minLength", out var a) ? a : 0;
        var maxLength = TryInt(schema, "maxLength", out var b) ? b : int.MaxValue;
        if (value.Length < minLength) value = value.PadRight(Math.Min(minLength, MaxStringLength), 'x');
        if (value.Length > maxLength) value = value[..Math.Max(0, maxLength)];
        return value;
    }

    /// <summary>A value for a property the name says something about; null when it says nothing.</summary>
    private static string? ByName(string name, int callIndex)
    {
        if (Has(name, "city", "town", "location", "place")) return Cities[callIndex % Cities.Length];
        if (Has(name, "expression", "expr", "formula", "equation", "calculation")) return Expressions[callIndex % Expressions.Length];
        if (Has(name, "country")) return Countries[callIndex % Countries.Length];
        if (Has(name, "email")) return $"user{callIndex}@example.com";
        if (Has(name, "url", "uri", "link")) return $"https://example.com/{callIndex}";
        if (Has(name, "date")) return "2025-01-15";
        if (Has(name, "language", "lang", "locale")) return "en";
        if (Has(name, "currency")) return "USD";
        if (Has(name, "query", "question", "search", "topic", "prompt")) return $"benchmark query {callIndex}";
        return null;
    }

    private static bool Has(string name, params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
            if (name.Contains(part, StringComparison.Ordinal)) return true;
        return false;
    }

    private static (long Low, long High) IntegerBounds(JsonElement schema)
    {
        long low = long.MinValue, high = long.MaxValue;
        if (TryNumber(schema, "minimum", out var min)) low = (long)Math.Ceiling(min);
        if (TryNumber(schema, "exclusiveMinimum", out var exMin)) low = Math.Max(low, (long)Math.Floor(exMin) + 1);
        if (TryNumber(schema, "maximum", out var max)) high = (long)Math.Floor(max);
        if (TryNumber(schema, "exclusiveMaximum", out var exMax)) high = Math.Min(high, (long)Math.Ceiling(exMax) - 1);
        return (low, high);
    }

    private static long IntegerFor(JsonElement schema, int callIndex)
    {
        var (low, high) = IntegerBounds(schema);
        var candidate = Math.Clamp(1 + callIndex % 10, low, Math.Max(low, high));
        if (TryNumber(schema, "multipleOf", out var step) && step >= 1 && step == Math.Floor(step))
        {
            var m = (long)step;
            var up = candidate % m == 0 ? candidate : candidate + (m - ((candidate % m) + m) % m);
            candidate = up <= high ? up : candidate - ((candidate % m) + m) % m;
        }
        return candidate;
    }

    private static double NumberFor(JsonElement schema, int callIndex)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        bool lowOpen = false, highOpen = false;
        if (TryNumber(schema, "minimum", out var min)) low = min;
        if (TryNumber(schema, "exclusiveMinimum", out var exMin) && exMin >= low) { low = exMin; lowOpen = true; }
        if (TryNumber(schema, "maximum", out var max)) high = max;
        if (TryNumber(schema, "exclusiveMaximum", out var exMax) && exMax <= high) { high = exMax; highOpen = true; }

        var candidate = 1.5 + callIndex % 10;
        if (candidate < low || (lowOpen && candidate <= low) || candidate > high || (highOpen && candidate >= high))
        {
            candidate = (double.IsFinite(low), double.IsFinite(high)) switch
            {
                (true, true) => low + (high - low) / 2,
                (true, false) => low + 1,
                (false, true) => high - 1,
                _ => 0,
            };
        }
        return Math.Round(candidate, 6);
    }

    /// <summary>A numeric keyword; a string holding a number counts too (Gemini's schema JSON writes int64 as a string).</summary>
    private static bool TryNumber(JsonElement schema, string keyword, out double value)
    {
        value = 0;
        if (!schema.TryGetProperty(keyword, out var element)) return false;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value),
            _ => false,
        };
    }

    private static bool TryInt(JsonElement schema, string keyword, out int value)
    {
        value = 0;
        if (!TryNumber(schema, keyword, out var number)) return false;
        value = (int)Math.Clamp(Math.Floor(number), int.MinValue, int.MaxValue);
        return true;
    }
}
