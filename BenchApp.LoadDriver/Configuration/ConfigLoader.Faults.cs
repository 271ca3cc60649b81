using BenchApp.LoadDriver.Scenarios;
using YamlDotNet.RepresentationModel;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>The <c>dependency_fault:</c> and <c>soak:</c> sections.</summary>
public static partial class ConfigLoader
{
    private static DependencyFaultConfig ReadDependencyFault(YamlNodeReader r, YamlNode node)
    {
        const string path = "dependency_fault";
        var c = new DependencyFaultConfig();
        var map = r.Mapping(node, path, ["enabled", "pause_seconds", "concurrency", "warmup_turns", "recovery_seconds", "good_streak", "max_answer_seconds"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        if (map.TryGetValue("pause_seconds", out var p) && r.Seconds(p, path + ".pause_seconds", 0.1, 600) is { } pv) c = c with { PauseSeconds = pv };
        if (map.TryGetValue("concurrency", out var cc) && r.Int(cc, path + ".concurrency", 1, 64) is { } ccv) c = c with { Concurrency = ccv };
        if (map.TryGetValue("warmup_turns", out var w) && r.Int(w, path + ".warmup_turns", 1, 1000) is { } wv) c = c with { WarmupTurns = wv };
        if (map.TryGetValue("recovery_seconds", out var rs) && r.Seconds(rs, path + ".recovery_seconds", 1, 3600) is { } rsv) c = c with { RecoverySeconds = rsv };
        if (map.TryGetValue("good_streak", out var g) && r.Int(g, path + ".good_streak", 1, 1000) is { } gv) c = c with { GoodStreak = gv };
        if (map.TryGetValue("max_answer_seconds", out var ma) && r.Seconds(ma, path + ".max_answer_seconds", 1, 3600) is { } mav) c = c with { MaxAnswerSeconds = mav };
        return c;
    }

    private static SoakConfig ReadSoak(YamlNodeReader r, YamlNode node)
    {
        const string path = "soak";
        var c = new SoakConfig();
        var map = r.Mapping(node, path, ["enabled", "duration", "peak_share", "fallback_rps", "max_in_flight", "scenario"]);
        if (map is null) return c;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, path + ".enabled") is { } env) c = c with { Enabled = env };
        // At least two minutes: the first and the last minute are compared.
        if (map.TryGetValue("duration", out var d) && r.Seconds(d, path + ".duration", 120, 7 * 86_400) is { } dv) c = c with { DurationSeconds = dv };
        if (map.TryGetValue("peak_share", out var ps) && r.Double(ps, path + ".peak_share", 0.01, 1) is { } psv) c = c with { PeakShare = psv };
        if (map.TryGetValue("fallback_rps", out var fr) && r.Double(fr, path + ".fallback_rps", 0.1, 100_000) is { } frv) c = c with { FallbackRps = frv };
        if (map.TryGetValue("max_in_flight", out var mf) && r.Int(mf, path + ".max_in_flight", 1, 10_000) is { } mfv) c = c with { MaxInFlight = mfv };
        if (map.TryGetValue("scenario", out var s) && r.String(s, path + ".scenario") is { } sv)
        {
            if (!ScenarioCatalog.IsKnown(sv)) r.Error(s, path + ".scenario", $"unknown scenario '{sv}' (known: {string.Join(", ", ScenarioCatalog.Names)}).");
            else c = c with { Scenario = sv };
        }
        return c;
    }
}
