using System.Text.Json;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>One case of a request-shape fixture: what a framework sends, where, and what the mock must answer.</summary>
public sealed record FixtureCase(string File, string Protocol, string Name, string Path, IReadOnlyDictionary<string, string> Headers,
    JsonElement Request, string ExpectReply, int? ExpectCount);

/// <summary>
/// Loads <c>contracts/framework-requests/*.json</c> (format in that folder's README.md). A file that does not
/// parse, lacks a field, or has no cases is an error naming the file, never a silent skip.
/// </summary>
public static class FrameworkFixtures
{
    public static readonly string[] Protocols = ["openai-chat", "anthropic-messages", "gemini"];

    public static string Folder() => System.IO.Path.Combine(RepoPaths.Root() ?? throw new InvalidOperationException("repository root not found"),
        "contracts", "framework-requests");

    public static IReadOnlyList<string> Files() =>
        Directory.Exists(Folder()) ? Directory.GetFiles(Folder(), "*.json").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>The cases of one file, or the reason the file is unusable.</summary>
    public static (IReadOnlyList<FixtureCase> Cases, string? Error) Load(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return ([], $"{file}: does not parse as JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return ([], $"{file}: the top level must be an object");
        if (!TryString(root, "framework", out _)) return ([], $"{file}: 'framework' (a string) is missing");
        if (!TryString(root, "protocol", out var protocol) || !Protocols.Contains(protocol))
            return ([], $"{file}: 'protocol' must be one of {string.Join(", ", Protocols)}");
        if (!root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array || cases.GetArrayLength() == 0)
            return ([], $"{file}: 'cases' must be a non-empty array");

        var list = new List<FixtureCase>();
        var index = 0;
        foreach (var item in cases.EnumerateArray())
        {
            var at = $"{file} cases[{index}]";
            if (item.ValueKind != JsonValueKind.Object) return ([], $"{at}: must be an object");
            if (!TryString(item, "name", out var name) || name.Length == 0) return ([], $"{at}: 'name' is missing");
            at = $"{file} case '{name}'";
            if (list.Any(c => c.Name == name)) return ([], $"{at}: the name is used twice");
            if (!TryString(item, "path", out var casePath) || !casePath.StartsWith('/')) return ([], $"{at}: 'path' must start with /");
            if (!item.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object) return ([], $"{at}: 'request' must be an object");
            if (!item.TryGetProperty("expect", out var expect) || expect.ValueKind != JsonValueKind.Object) return ([], $"{at}: 'expect' must be an object");
            if (!TryString(expect, "reply", out var reply) || reply is not ("tool_calls" or "final"))
                return ([], $"{at}: 'expect.reply' must be \"tool_calls\" or \"final\"");
            int? count = null;
            if (expect.TryGetProperty("count", out var c))
            {
                if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out var n) || n < 0) return ([], $"{at}: 'expect.count' must be a non-negative integer");
                count = n;
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (item.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                foreach (var header in h.EnumerateObject())
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            list.Add(new FixtureCase(file, protocol, name, casePath, headers, request, reply, count));
            index++;
        }
        return (list, null);
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = "";
        if (!element.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String) return false;
        value = v.GetString()!;
        return true;
    }
}
