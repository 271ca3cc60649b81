using System.Text.Json;

namespace BenchApp.LoadDriver.Discovery;

/// <summary>
/// What a <c>/health</c> 503 body says is wrong, in one line: the contract's <c>{"failing":[...],"checks":{...}}</c>
/// as "redis: redis did not answer within 2 s.", any other body as its first line (cut short).
/// </summary>
public static class HealthDetail
{
    private const int MaxLength = 300;

    public static string? Describe(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("failing", out var failing) && failing.ValueKind == JsonValueKind.Array)
            {
                var checks = root.TryGetProperty("checks", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
                var parts = failing.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f =>
                {
                    var name = f.GetString()!;
                    return checks.ValueKind == JsonValueKind.Object && checks.TryGetProperty(name, out var why) && why.ValueKind == JsonValueKind.String
                        ? $"{name}: {why.GetString()}"
                        : name;
                }).ToList();
                if (parts.Count > 0) return Cut(string.Join("; ", parts));
            }
        }
        catch (JsonException)
        {
            // Not the contract's body: show it as text.
        }
        return Cut(body.Trim().Split('\n')[0].Trim());
    }

    private static string Cut(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "...";
}
