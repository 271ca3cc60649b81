using BenchApp.Contracts.MockLlm;
using YamlDotNet.RepresentationModel;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>The <c>error_recovery:</c> and <c>crash_recovery:</c> sections.</summary>
public static partial class ConfigLoader
{
    private static ErrorRecoveryConfig ReadErrorRecovery(YamlNodeReader r, YamlNode node)
    {
        const string path = "error_recovery";
        var c = new ErrorRecoveryConfig();
        var map = r.Mapping(node, path, ["enabled", "fault_count", "kinds", "retry_after_seconds", "hang_ms", "good_streak", "max_requests", "max_seconds"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        if (map.TryGetValue("fault_count", out var fc) && r.Int(fc, path + ".fault_count", 1, 100) is { } fcv) c = c with { FaultCount = fcv };
        if (map.TryGetValue("kinds", out var k) && ReadKinds(r, k, path + ".kinds") is { } kinds) c = c with { Kinds = kinds };
        if (map.TryGetValue("retry_after_seconds", out var ra) && r.Double(ra, path + ".retry_after_seconds", 0, 60) is { } rav) c = c with { RetryAfterSeconds = rav };
        if (map.TryGetValue("hang_ms", out var h) && r.Int(h, path + ".hang_ms", 1, 600_000) is { } hv) c = c with { HangMs = hv };
        if (map.TryGetValue("good_streak", out var g) && r.Int(g, path + ".good_streak", 1, 1000) is { } gv) c = c with { GoodStreak = gv };
        if (map.TryGetValue("max_requests", out var mr) && r.Int(mr, path + ".max_requests", 1, 100_000) is { } mrv) c = c with { MaxRequests = mrv };
        if (map.TryGetValue("max_seconds", out var ms) && r.Seconds(ms, path + ".max_seconds", 1, 3600) is { } msv) c = c with { MaxSeconds = msv };
        if (c.MaxRequests < c.GoodStreak)
            r.Error(node, path + ".max_requests", $"must be at least good_streak ({c.GoodStreak}), got {c.MaxRequests}.");
        return c;
    }

    private static List<string>? ReadKinds(YamlNodeReader r, YamlNode node, string path)
    {
        var items = r.Sequence(node, path);
        if (items is null) return null;
        var kinds = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (r.String(items[i], $"{path}[{i}]") is not { } kind) continue;
            if (!FaultKinds.All.Contains(kind)) r.Error(items[i], $"{path}[{i}]", $"must be one of {string.Join(", ", FaultKinds.All)}, got '{kind}'.");
            else if (kinds.Contains(kind)) r.Error(items[i], $"{path}[{i}]", $"'{kind}' is listed twice.");
            else kinds.Add(kind);
        }
        if (items.Count == 0) r.Error(node, path, "must list at least one fault kind.");
        return kinds;
    }

    private static CrashRecoveryConfig ReadCrashRecovery(YamlNodeReader r, YamlNode node)
    {
        const string path = "crash_recovery";
        var c = new CrashRecoveryConfig();
        var map = r.Mapping(node, path, ["enabled", "tool_calls", "tool_delay_ms", "kill_after_seconds", "recovery_seconds", "executors"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        if (map.TryGetValue("tool_calls", out var tc) && r.Int(tc, path + ".tool_calls", 1, 49) is { } tcv) c = c with { ToolCalls = tcv };
        if (map.TryGetValue("tool_delay_ms", out var td) && r.Int(td, path + ".tool_delay_ms", 0, 10_000) is { } tdv) c = c with { ToolDelayMs = tdv };
        if (map.TryGetValue("kill_after_seconds", out var ka) && r.Seconds(ka, path + ".kill_after_seconds", 0.01, 600) is { } kav) c = c with { KillAfterSeconds = kav };
        if (map.TryGetValue("recovery_seconds", out var rs) && r.Seconds(rs, path + ".recovery_seconds", 1, 3600) is { } rsv) c = c with { RecoverySeconds = rsv };
        // Entries replace the catalogue's launch of that executor; the others keep theirs.
        if (map.TryGetValue("executors", out var ex))
            c = c with { Executors = new Dictionary<string, ExecutorLaunchConfig>(c.Executors.Concat(ReadLaunches(r, ex, path + ".executors")).GroupBy(p => p.Key).Select(g => g.Last())) };
        return c;
    }

    private static Dictionary<string, ExecutorLaunchConfig> ReadLaunches(YamlNodeReader r, YamlNode node, string path)
    {
        var result = new Dictionary<string, ExecutorLaunchConfig>();
        // `executors: {}` or nothing: no override.
        if (node is YamlScalarNode { Value: "" or "~" or "null" }) return result;
        var map = r.Mapping(node, path, null);
        if (map is null) return result;
        foreach (var (name, value) in map)
        {
            var p = $"{path}.{name}";
            if (!ExecutorNameRegex().IsMatch(name))
            {
                r.Error(value, p, "executor names are lowercase letters, digits and '-' (e.g. dotnet-inproc).");
                continue;
            }
            var entry = r.Mapping(value, p, ["command", "args", "cwd", "env", "requires_env"]);
            if (entry is null) continue;
            if (!entry.TryGetValue("command", out var commandNode))
            {
                r.Error(value, p, "'command' is required (e.g. command: dotnet).");
                continue;
            }
            if (r.String(commandNode, p + ".command") is not { } command) continue;
            var launch = new ExecutorLaunchConfig { Command = command };
            if (entry.TryGetValue("args", out var a) && ReadStrings(r, a, p + ".args") is { } args) launch = launch with { Args = args };
            if (entry.TryGetValue("cwd", out var cwd) && r.String(cwd, p + ".cwd") is { } cwdv) launch = launch with { WorkingDirectory = cwdv };
            if (entry.TryGetValue("requires_env", out var re) && ReadStrings(r, re, p + ".requires_env") is { } req) launch = launch with { RequiresEnv = req };
            if (entry.TryGetValue("env", out var e) && r.Mapping(e, p + ".env", null) is { } env)
            {
                var vars = new Dictionary<string, string>();
                foreach (var (key, v) in env)
                    // An empty value is allowed: it clears an inherited variable.
                    if (v is YamlScalarNode { Value: var text }) vars[key] = text ?? "";
                    else r.Error(v, $"{p}.env.{key}", "must be a string.");
                launch = launch with { Environment = vars };
            }
            result[name] = launch;
        }
        return result;
    }

    private static List<string>? ReadStrings(YamlNodeReader r, YamlNode node, string path)
    {
        var items = r.Sequence(node, path);
        if (items is null) return null;
        var list = new List<string>();
        for (var i = 0; i < items.Count; i++)
            if (r.String(items[i], $"{path}[{i}]") is { } s) list.Add(s);
        return list;
    }
}
