using System.Text.Json;

namespace BenchApp.Contracts.Tools;

/// <summary>
/// The deterministic tools every executor offers, defined once in contracts/tools.json and pinned by
/// contracts/tool-vectors.json, which the C# and the Python tests both check.
/// </summary>
public static class BenchTools
{
    public static IReadOnlyList<BenchToolDefinition> Definitions { get; } = LoadDefinitions();

    public static BenchToolDefinition? Find(string name) => Definitions.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// Runs a tool on its JSON arguments as an LLM wrote them. Bad arguments are the LLM's mistake, so they
    /// come back as an error result for the LLM to read, never as an exception.
    /// </summary>
    public static async Task<ToolResult> ExecuteAsync(string name, string argumentsJson, CancellationToken cancellationToken = default)
    {
        var call = Prepare(name, argumentsJson);
        if (call.DelayMs > 0) await Task.Delay(call.DelayMs, cancellationToken).ConfigureAwait(false);
        return call.Result;
    }

    /// <summary>Computes the result and the requested delay without waiting (tests, and callers that schedule the wait).</summary>
    public static PreparedToolCall Prepare(string name, string argumentsJson)
    {
        JsonElement args;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            args = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new(ToolResult.Error("arguments are not valid JSON"), 0);
        }
        if (args.ValueKind != JsonValueKind.Object)
            return new(ToolResult.Error("arguments must be a JSON object"), 0);

        if (!TryGetDelay(args, out var delayMs, out var delayError))
            return new(ToolResult.Error(delayError!), 0);

        var result = name switch
        {
            WeatherTool.Name => WeatherTool.Run(args),
            CalculatorTool.Name => CalculatorTool.Run(args),
            _ => ToolResult.Error($"unknown tool '{name}'"),
        };
        return new(result, result.IsError ? 0 : delayMs);
    }

    private static bool TryGetDelay(JsonElement args, out int delayMs, out string? error)
    {
        delayMs = 0;
        error = null;
        if (!args.TryGetProperty("delay_ms", out var delay) || delay.ValueKind == JsonValueKind.Null) return true;
        if (delay.ValueKind != JsonValueKind.Number || !delay.TryGetInt32(out delayMs) || delayMs is < 0 or > 10_000)
        {
            error = "delay_ms must be an integer in [0, 10000]";
            return false;
        }
        return true;
    }

    internal static bool TryGetString(JsonElement args, string property, int maxLength, out string value, out ToolResult? error)
    {
        value = "";
        error = null;
        if (!args.TryGetProperty(property, out var element) || element.ValueKind != JsonValueKind.String)
        {
            error = ToolResult.Error($"{property} is required and must be a string");
            return false;
        }
        value = element.GetString()!.Trim();
        if (value.Length == 0 || value.Length > maxLength)
        {
            error = ToolResult.Error($"{property} must be 1-{maxLength} characters");
            return false;
        }
        return true;
    }

    private static IReadOnlyList<BenchToolDefinition> LoadDefinitions()
    {
        using var stream = typeof(BenchTools).Assembly.GetManifestResourceStream("BenchApp.Contracts.tools.json")
            ?? throw new InvalidOperationException("tools.json is not embedded in BenchApp.Contracts.");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("tools").EnumerateArray()
            .Select(t => new BenchToolDefinition(
                t.GetProperty("name").GetString()!,
                t.GetProperty("description").GetString()!,
                t.GetProperty("parameters").Clone()))
            .ToArray();
    }
}

/// <summary>A tool's result and the simulated I/O delay it asked for.</summary>
public readonly record struct PreparedToolCall(ToolResult Result, int DelayMs);
