using System.Text.Json;

namespace BenchApp.Contracts.Executors;

/// <summary>
/// The executors of BenchApp, defined once in contracts/executors.json and read by the AppHost (what to start and
/// wait for), the load driver (known names in report order, launch commands) and the docs' tests.
/// </summary>
public static class ExecutorCatalog
{
    public const string Dotnet = "dotnet", Python = "python", Node = "node";
    public const string NeedsLlm = "llm", NeedsRedis = "redis", NeedsTemporal = "temporal";

    private static readonly string[] Kinds = [Dotnet, Python, Node];
    private static readonly string[] KnownNeeds = [NeedsLlm, NeedsRedis, NeedsTemporal];

    public static IReadOnlyList<ExecutorEntry> All { get; } = Load();

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(e => e.Name)];

    public static ExecutorEntry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    private static IReadOnlyList<ExecutorEntry> Load()
    {
        using var stream = typeof(ExecutorCatalog).Assembly.GetManifestResourceStream("BenchApp.Contracts.executors.json")
            ?? throw new InvalidOperationException("executors.json is not embedded in BenchApp.Contracts.");
        using var doc = JsonDocument.Parse(stream);
        return Parse(doc.RootElement);
    }

    /// <summary>Reads and checks a catalogue document; a bad entry names itself and the field.</summary>
    public static IReadOnlyList<ExecutorEntry> Parse(JsonElement root)
    {
        var entries = new List<ExecutorEntry>();
        foreach (var item in root.GetProperty("executors").EnumerateArray())
        {
            var name = Text(item, "name", "executor");
            var where = $"executors.json '{name}'";
            var start = item.GetProperty("start");
            var kind = Text(start, "kind", where);
            if (!Kinds.Contains(kind)) throw new InvalidDataException($"{where}: start.kind '{kind}' is not one of {string.Join(", ", Kinds)}.");
            var startRecord = new ExecutorStart(
                kind,
                Executor: Optional(start, "executor"),
                Module: Optional(start, "module"),
                Requirements: Optional(start, "requirements"),
                SystemSitePackages: start.TryGetProperty("system_site_packages", out var site) && site.GetBoolean(),
                Package: Optional(start, "package"),
                Entry: Optional(start, "entry"));
            string[] required = kind switch
            {
                Dotnet => ["executor"],
                Python => ["module", "requirements"],
                _ => ["package", "entry"],
            };
            foreach (var field in required)
                if (!start.TryGetProperty(field, out _)) throw new InvalidDataException($"{where}: a {kind} executor needs start.{field}.");

            var needs = item.GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).ToArray();
            if (needs.FirstOrDefault(n => !KnownNeeds.Contains(n)) is { } unknown)
                throw new InvalidDataException($"{where}: needs '{unknown}' is not one of {string.Join(", ", KnownNeeds)}.");

            var launch = ExecutorLaunchExtras.None;
            if (item.TryGetProperty("launch", out var l))
                launch = new ExecutorLaunchExtras(
                    l.TryGetProperty("requires_env", out var req) ? [.. req.EnumerateArray().Select(v => v.GetString()!)] : [],
                    l.TryGetProperty("env", out var env) ? env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : new Dictionary<string, string>());

            if (entries.Any(e => e.Name == name)) throw new InvalidDataException($"{where}: the name is given twice.");
            entries.Add(new ExecutorEntry(name, Text(item, "language", where), Text(item, "framework", where), Text(item, "summary", where), startRecord, needs, launch));
        }
        return entries;
    }

    private static string Text(JsonElement element, string field, string where) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{where}: '{field}' must be a non-empty string.");

    private static string? Optional(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) ? value.GetString() : null;
}
