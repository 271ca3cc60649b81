using System.Globalization;

namespace BenchApp.MockLlm.Benchmark;

/// <summary>Command line: the mock's URL (nothing is started here), concurrency, duration, warm-up, scenario.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        usage: BenchApp.MockLlm.Benchmark --url http://127.0.0.1:5180 [--concurrency 32] [--duration 10] [--warmup 3]
                                          [--scenario chat|chat-tools|chat-stream|messages|models] [--server-pid PID] [--json out.json]
          --url          base URL of a running mock LLM (the benchmark starts nothing)
          --concurrency  requests in flight (closed loop: each worker sends its next request when the last one is answered)
          --duration     seconds measured, after the warm-up
          --warmup       seconds run before measuring (JIT, connection pool)
          --scenario     chat: plain completion; chat-tools: a reply with a tool call against the contract tools;
                         chat-stream: streamed completion with usage; messages: Anthropic Messages;
                         models: GET /v1/models, the floor of HTTP + routing + telemetry without completion work
          --server-pid   the mock's process id: adds its CPU time per request (from /proc)
          --json         also write the result as JSON (atomically)
        """;

    public required Uri Url { get; init; }
    public int Concurrency { get; init; } = 32;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public string Scenario { get; init; } = Scenarios.Chat;
    public int? ServerPid { get; init; }
    public string? JsonPath { get; init; }

    public static bool TryParse(string[] args, out BenchmarkOptions options, out string? error)
    {
        options = null!;
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"expected --name value pairs, got '{args[i]}'";
                return false;
            }
            values[args[i][2..]] = args[++i];
        }

        var known = new HashSet<string> { "url", "concurrency", "duration", "warmup", "scenario", "server-pid", "json" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            error = $"unknown option --{unknown}";
            return false;
        }
        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = "--url: an absolute http(s) URL of the running mock LLM is required";
            return false;
        }
        if (!TryInt(values, "concurrency", 32, 1, 4096, out var concurrency, out error)) return false;
        if (!TryDouble(values, "duration", 10, 0.1, 3600, out var duration, out error)) return false;
        if (!TryDouble(values, "warmup", 3, 0, 600, out var warmup, out error)) return false;
        var scenario = values.GetValueOrDefault("scenario", Scenarios.Chat);
        if (!Scenarios.All.Contains(scenario))
        {
            error = $"--scenario: one of {string.Join(", ", Scenarios.All)}";
            return false;
        }
        int? pid = null;
        if (values.ContainsKey("server-pid"))
        {
            if (!TryInt(values, "server-pid", 0, 1, int.MaxValue, out var p, out error)) return false;
            pid = p;
        }

        options = new BenchmarkOptions
        {
            Url = new Uri(uri.ToString().TrimEnd('/') + "/"),
            Concurrency = concurrency,
            Duration = TimeSpan.FromSeconds(duration),
            Warmup = TimeSpan.FromSeconds(warmup),
            Scenario = scenario,
            ServerPid = pid,
            JsonPath = values.GetValueOrDefault("json"),
        };
        return true;
    }

    private static bool TryInt(Dictionary<string, string> values, string name, int fallback, int min, int max, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (!values.TryGetValue(name, out var text)) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        error = $"--{name}: an integer in [{min}, {max}], got '{text}'";
        return false;
    }

    private static bool TryDouble(Dictionary<string, string> values, string name, double fallback, double min, double max, out double value, out string? error)
    {
        error = null;
        value = fallback;
        if (!values.TryGetValue(name, out var text)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        error = $"--{name}: a number in [{min}, {max}], got '{text}'";
        return false;
    }
}
