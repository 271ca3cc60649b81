using YamlDotNet.RepresentationModel;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>The <c>cold_start:</c> and <c>end_to_end:</c> sections.</summary>
public static partial class ConfigLoader
{
    private static ColdStartConfig ReadColdStart(YamlNodeReader r, YamlNode node)
    {
        const string path = "cold_start";
        var c = new ColdStartConfig();
        var map = r.Mapping(node, path, ["enabled", "starts", "quick_starts", "timeout_seconds"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        if (map.TryGetValue("starts", out var s) && r.Int(s, path + ".starts", 1, 100) is { } sv) c = c with { Starts = sv };
        if (map.TryGetValue("quick_starts", out var q) && r.Int(q, path + ".quick_starts", 1, 100) is { } qv) c = c with { QuickStarts = qv };
        if (map.TryGetValue("timeout_seconds", out var t) && r.Seconds(t, path + ".timeout_seconds", 1, 3600) is { } tv) c = c with { TimeoutSeconds = tv };
        return c;
    }

    private static EndToEndConfig ReadEndToEnd(YamlNodeReader r, YamlNode node)
    {
        const string path = "end_to_end";
        var c = new EndToEndConfig();
        var map = r.Mapping(node, path, ["enabled", "latency", "iterations", "warmup", "concurrent_iterations", "quick_iterations", "quick_concurrent_iterations"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        if (map.TryGetValue("latency", out var l) && r.String(l, path + ".latency") is { } lv) c = c with { Latency = lv };
        if (map.TryGetValue("iterations", out var i) && r.Int(i, path + ".iterations", 1, 1_000_000) is { } iv) c = c with { Iterations = iv };
        if (map.TryGetValue("warmup", out var w) && r.Int(w, path + ".warmup", 0, 1_000_000) is { } wv) c = c with { Warmup = wv };
        if (map.TryGetValue("concurrent_iterations", out var ci) && r.Int(ci, path + ".concurrent_iterations", 1, 10_000_000) is { } civ) c = c with { ConcurrentIterations = civ };
        if (map.TryGetValue("quick_iterations", out var qi) && r.Int(qi, path + ".quick_iterations", 1, 1_000_000) is { } qiv) c = c with { QuickIterations = qiv };
        if (map.TryGetValue("quick_concurrent_iterations", out var qci) && r.Int(qci, path + ".quick_concurrent_iterations", 1, 10_000_000) is { } qciv) c = c with { QuickConcurrentIterations = qciv };
        return c;
    }
}
