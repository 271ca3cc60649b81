using System.Text;
using System.Text.Json;

namespace BenchApp.Contracts.Tools;

/// <summary><c>get_weather(city, unit?)</c>: a fixed answer per city, from an FNV-1a hash of its name.</summary>
public static class WeatherTool
{
    public const string Name = "get_weather";

    private static readonly string[] Conditions = ["sunny", "cloudy", "rainy", "windy", "snowy", "foggy"];

    public static ToolResult Run(JsonElement args)
    {
        if (!BenchTools.TryGetString(args, "city", 100, out var city, out var error)) return error!;

        var unit = "celsius";
        if (args.TryGetProperty("unit", out var unitElement) && unitElement.ValueKind != JsonValueKind.Null)
        {
            unit = unitElement.ValueKind == JsonValueKind.String ? unitElement.GetString()! : "";
            if (unit is not ("celsius" or "fahrenheit"))
                return ToolResult.Error("unit must be 'celsius' or 'fahrenheit'");
        }
        return ToolResult.Ok(Describe(city, unit));
    }

    public static string Describe(string city, string unit)
    {
        var hash = Fnv1a(AsciiLower(city));
        var celsius = (int)(hash % 51) - 10;
        var condition = Conditions[(hash >> 8) % 6];
        var humidity = 20 + (hash >> 16) % 71;
        var temperature = unit == "fahrenheit"
            ? Number(celsius * 1.8 + 32) + "°F"
            : Number(celsius) + "°C";
        return $"{city}: {temperature}, {condition}, humidity {humidity}%";
    }

    private static string Number(double value) => ToolNumberFormat.TryFormat(value, out var text) ? text : "?";

    /// <summary>Only A-Z are lowered, so the C# and Python hashes agree on any input.</summary>
    private static string AsciiLower(string s) =>
        string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
                span[i] = src[i] is >= 'A' and <= 'Z' ? (char)(src[i] + 32) : src[i];
        });

    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
