using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// Deterministic token estimates: characters / 4, rounded up. Characters are counted on decoded text and on
/// schema content (names and string values), never on raw JSON, so the same conversation gets the same count
/// whatever the client's whitespace or escaping.
/// </summary>
public static class TokenEstimator
{
    public static int FromChars(long chars) => (int)Math.Clamp((chars + 3) / 4, 1, int.MaxValue);

    /// <summary>Characters of a JSON string value, without allocating when it has no escapes.</summary>
    public static int TextLength(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return 0;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        return inner.IndexOf((byte)'\\') < 0 ? Encoding.UTF8.GetCharCount(inner) : value.GetString()!.Length;
    }

    /// <summary>Characters of a JSON value's content: property names, strings; 1 per number, boolean or null.</summary>
    public static long ContentChars(JsonElement value, int depth = 0)
    {
        if (depth > 64) return 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                long objectChars = 0;
                foreach (var property in value.EnumerateObject())
                    objectChars += JsonMarshal.GetRawUtf8PropertyName(property).Length + ContentChars(property.Value, depth + 1);
                return objectChars;
            case JsonValueKind.Array:
                long arrayChars = 0;
                foreach (var item in value.EnumerateArray()) arrayChars += ContentChars(item, depth + 1);
                return arrayChars;
            case JsonValueKind.String:
                return TextLength(value);
            case JsonValueKind.Undefined:
                return 0;
            default:
                return 1;
        }
    }

    /// <summary>Output tokens of a text: its words.</summary>
    public static int Words(string text) => text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
}
