namespace BenchApp.AppHost;

/// <summary>What to run, from the <c>BenchApp</c> section (appsettings.json, environment, or <c>--BenchApp:Key=value</c>).</summary>
public sealed class BenchAppSettings
{
    public const string Section = "BenchApp";

    /// <summary>No dashboard; the app stops when the load driver finishes and exits with its code (run-benchmarks.sh).</summary>
    public bool Headless { get; set; }

    /// <summary>The short suite: few iterations, a small concurrency sweep.</summary>
    public bool Quick { get; set; }

    /// <summary>The suite file, relative to the repository root.</summary>
    public string Config { get; set; } = "benchmark-config.yaml";

    /// <summary>Comma-separated scenario names; empty runs the config's scenarios.</summary>
    public string Scenarios { get; set; } = "";

    /// <summary>Comma-separated executor names to start; empty starts every executor.</summary>
    public string Executors { get; set; } = "";

    /// <summary>Overrides every scenario's iteration count when set.</summary>
    public int? Iterations { get; set; }

    /// <summary>
    /// Every configured executor must run: when one is unavailable the AppHost (before starting anything) or the load
    /// driver (before measuring) exits with code 3 and the list, instead of measuring the rest.
    /// </summary>
    public bool RequireAll { get; set; }

    /// <summary>Where results/&lt;timestamp&gt;/ folders go, relative to the repository root.</summary>
    public string Results { get; set; } = "results";

    public LlmSettings Llm { get; set; } = new();

    public IReadOnlyList<string> ScenarioList => Split(Scenarios);

    public bool IncludesExecutor(string name) => Split(Executors) is var list && (list.Count == 0 || list.Contains(name));

    private static List<string> Split(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>The LLM the executors call: the mock (default) or a real OpenAI-compatible provider.</summary>
public sealed class LlmSettings
{
    /// <summary><c>mock</c> or <c>provider</c>.</summary>
    public string Mode { get; set; } = "mock";

    /// <summary>Provider mode: the OpenAI-compatible base URL, e.g. https://api.openai.com/v1.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Model name the executors ask for.</summary>
    public string Model { get; set; } = "bench-model";

    public bool IsProvider => string.Equals(Mode, "provider", StringComparison.OrdinalIgnoreCase);
}
