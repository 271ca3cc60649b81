using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>What the driver's own copies of an executor (cold start, per-core workers) share with crash-recovery's.</summary>
public static class LaunchEnvironment
{
    /// <summary>The driver's environment, the mock it measures against as the LLM, a telemetry name of the copy's own, and <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> For(
        IReadOnlyDictionary<string, string?> environment, Uri? mockUrl, string serviceName, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = environment.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        if (mockUrl is not null) env["LLM_BASE_URL"] = new Uri(mockUrl, "v1").ToString();
        env["OTEL_SERVICE_NAME"] = serviceName;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return env;
    }

    /// <summary>Why the driver cannot start its own copy of <paramref name="executor"/>, or null when it can.</summary>
    public static string? CannotLaunch(BenchmarkConfig config, string executor, IReadOnlyDictionary<string, string?> environment)
    {
        if (!config.CrashRecovery.Executors.TryGetValue(executor, out var launch))
            return $"no start command configured (crash_recovery.executors.{executor})";
        var missing = launch.RequiresEnv.Where(v => string.IsNullOrEmpty(environment.GetValueOrDefault(v)) && !launch.Environment.ContainsKey(v)).ToList();
        if (missing.Count > 0) return $"{string.Join(", ", missing)} not set (needed to start {executor})";
        if (!ProcFs.IsAvailable) return "no /proc here: the driver cannot measure its copy's process tree";
        return null;
    }
}
