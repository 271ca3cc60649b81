using System.Globalization;

namespace BenchApp.TestSupport;

/// <summary>
/// The executors built in this repository, started as child processes on a loopback port with the environment
/// the AppHost gives them (Redis connection string, LLM base URL, no OTLP export).
/// </summary>
public static class ExecutorProcess
{
    /// <summary>Debian's interpreter: it has fastapi, uvicorn, httpx and redis from apt.</summary>
    public const string DebianPython = "/usr/bin/python3";

    public static string? DotnetUnavailableReason()
    {
        var dll = RepoPaths.BuiltDll("BenchApp.Executors");
        return File.Exists(dll) ? null : $"BenchApp.Executors is not built ({dll} missing): run 'dotnet build BenchApp.sln' first.";
    }

    public static string? PythonBaselineUnavailableReason()
    {
        var package = RepoPaths.Combine("python-executors", "benchapp_baseline", "__main__.py");
        if (!File.Exists(package)) return $"python-baseline is not there ({package} missing).";
        return File.Exists(DebianPython) ? null
            : $"{DebianPython} (Debian's, with fastapi, uvicorn, httpx, redis) is missing: apt-get install python3-fastapi python3-uvicorn python3-httpx python3-redis.";
    }

    /// <summary>What every executor needs; add to it (e.g. TEMPORAL_ADDRESS) before starting.</summary>
    public static Dictionary<string, string?> Environment(string redisConnectionString, string llmBaseUrl) => new()
    {
        ["ConnectionStrings__redis"] = redisConnectionString,
        ["LLM_BASE_URL"] = llmBaseUrl,
        // Development, as under the AppHost: the developer exception page would show any stack trace.
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
    };

    /// <summary>The .NET executor (<paramref name="kind"/> inproc or temporal) listening on <paramref name="port"/>.</summary>
    public static ChildProcess StartDotnet(string kind, int port, IDictionary<string, string?> environment) =>
        ChildProcess.Start("dotnet", [RepoPaths.BuiltDll("BenchApp.Executors"), "--executor", kind, "--urls", $"http://127.0.0.1:{port}"], environment);

    /// <summary>python-baseline on Debian's Python, listening on <paramref name="port"/>.</summary>
    public static ChildProcess StartPythonBaseline(int port, IDictionary<string, string?> environment)
    {
        var env = new Dictionary<string, string?>(environment) { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) };
        return ChildProcess.Start(DebianPython, ["-m", "benchapp_baseline"], env, RepoPaths.Combine("python-executors"));
    }
}
