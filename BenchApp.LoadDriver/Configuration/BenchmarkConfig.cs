using BenchApp.Contracts.MockLlm;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// The whole suite as <c>benchmark-config.yaml</c> describes it. The seed's keys (<c>scenarios</c>:
/// name, iterations, warmup, concurrent; <c>llm</c>: provider, model, mock) plus BenchApp's own.
/// Every value has a default, so an empty file is a valid (default) suite.
/// </summary>
public sealed record BenchmarkConfig
{
    public IReadOnlyList<ScenarioConfig> Scenarios { get; init; } = ScenarioConfig.Defaults;
    public LlmConfig Llm { get; init; } = new();

    /// <summary>Executors by name and URL, used when the AppHost's service discovery names none.</summary>
    public IReadOnlyList<ExecutorEndpointConfig> Executors { get; init; } = [];

    public SweepConfig Sweep { get; init; } = new();
    public GrowthConfig Growth { get; init; } = new();
    public DriverConfig Driver { get; init; } = new();
    public QuickConfig Quick { get; init; } = new();
    public CompareConfig Compare { get; init; } = new();

    /// <summary>k6-style pass/fail rules, e.g. <c>p99&lt;200</c>; a broken rule fails the run with exit code 99.</summary>
    public IReadOnlyList<ThresholdRule> Thresholds { get; init; } = [];

    /// <summary>The error-recovery scenario (full suite; not in --quick unless named with --scenario).</summary>
    public ErrorRecoveryConfig ErrorRecovery { get; init; } = new();

    /// <summary>The crash-recovery scenario (full suite; not in --quick unless named with --scenario).</summary>
    public CrashRecoveryConfig CrashRecovery { get; init; } = new();

    /// <summary>Cold start per executor (the driver's own copies).</summary>
    public ColdStartConfig ColdStart { get; init; } = new();

    /// <summary>The seed's scenarios at a realistic LLM latency, beside the zero-latency tables.</summary>
    public EndToEndConfig EndToEnd { get; init; } = new();

    /// <summary>The dependency-fault scenario: Redis frozen under load (full suite; not in --quick unless named).</summary>
    public DependencyFaultConfig DependencyFault { get; init; } = new();

    /// <summary>The soak scenario: a long open loop for leaks and drift (full suite; not in --quick unless named).</summary>
    public SoakConfig Soak { get; init; } = new();

    /// <summary>Seeds the mock LLM's jitter and faults, and the sample reservoir.</summary>
    public long Seed { get; init; } = 42;
}

public enum LoadModel
{
    /// <summary>N workers, each sends the next request when its reply arrives.</summary>
    Closed,

    /// <summary>Requests start at a target rate whatever the replies do (no coordinated omission).</summary>
    Open,
}

public sealed record ScenarioConfig
{
    public required string Name { get; init; }

    /// <summary>Measured iterations (one iteration = one run of the scenario's unit: a request, or a conversation).</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Iterations run first and never counted.</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Closed loop: workers. Open loop: the most iterations in flight before a start is dropped.</summary>
    public int Concurrent { get; init; } = 1;

    public LoadModel Load { get; init; } = LoadModel.Closed;

    /// <summary>Open loop: iterations started per second.</summary>
    public double? Rate { get; init; }

    /// <summary>When set, the measured phase runs this long instead of a count of iterations.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Latency profile of the mock LLM (a key of <c>llm.mock.profiles</c>); null = <c>llm.mock.latency</c>.</summary>
    public string? Latency { get; init; }

    // Overrides of the catalog's directive for this scenario; null = the catalog's value.
    public int? ToolCalls { get; init; }
    public int? ReplyTokens { get; init; }
    public int? Parallel { get; init; }
    public int? ToolDelayMs { get; init; }
    public int? Turns { get; init; }
    public int? MaxIterations { get; init; }

    public static IReadOnlyList<ScenarioConfig> Defaults { get; } =
    [
        new() { Name = "simple-chat", Iterations = 200, Warmup = 20 },
        new() { Name = "tool-execution", Iterations = 200, Warmup = 20 },
        new() { Name = "multi-turn", Iterations = 50, Warmup = 5 },
        new() { Name = "agent-loop", Iterations = 50, Warmup = 5 },
        new() { Name = "concurrent", Iterations = 1000, Warmup = 100, Concurrent = 100 },
    ];
}

public sealed record LlmConfig
{
    /// <summary>The API the executors speak (informational): the mock serves <c>openai</c> and <c>anthropic</c>.</summary>
    public string Provider { get; init; } = "openai";
    public string Model { get; init; } = MockLlmApi.ModelName;

    /// <summary>The mock LLM; <c>mock: false</c> means a real provider, so overhead cannot be separated.</summary>
    public MockSection Mock { get; init; } = new();
}

public sealed record MockSection
{
    /// <summary>False when the executors talk to a real provider: no admin API, overhead unavailable.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Base address of the mock (its admin API); service discovery or --mock-llm take precedence.</summary>
    public Uri? Url { get; init; }

    /// <summary>Default latency profile of every scenario.</summary>
    public string Latency { get; init; } = "zero";

    public IReadOnlyDictionary<string, LatencyConfig> Profiles { get; init; } = DefaultProfiles;

    public FaultConfig Faults { get; init; } = new();

    public static IReadOnlyDictionary<string, LatencyConfig> DefaultProfiles { get; } = new Dictionary<string, LatencyConfig>
    {
        // Zero: the reply is instant, so everything measured is the executor's (and the driver's) own cost.
        ["zero"] = new(),
        // Realistic: a hosted model's order of magnitude (first token ~300 ms, ~20 ms per token), with spread.
        ["realistic"] = new() { TtftMs = 300, PerTokenMs = 20, Jitter = new() { Distribution = JitterDistributions.Lognormal, Sigma = 0.25 } },
    };
}

public sealed record ExecutorEndpointConfig(string Name, Uri Url);

public sealed record SweepConfig
{
    public bool Enabled { get; init; } = true;
    public string Scenario { get; init; } = "simple-chat";
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 10, 50, 100, 200];

    /// <summary>Measured iterations per level: max(min_iterations, concurrency * iterations_per_worker).</summary>
    public int IterationsPerWorker { get; init; } = 20;
    public int MinIterations { get; init; } = 200;
    public int Warmup { get; init; } = 20;

    /// <summary>Also sweep a driver-started copy of each executor that reports <c>workers</c> (Python) at one worker per core.</summary>
    public bool PerCoreWorkers { get; init; } = true;

    public int IterationsAt(int concurrency) => Math.Max(MinIterations, concurrency * IterationsPerWorker);
}

public sealed record GrowthConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>Turns on one session while the executor's memory is sampled.</summary>
    public int Turns { get; init; } = 200;
}

public sealed record DriverConfig
{
    /// <summary>How long an executor may take to answer /health 200 before it is reported unavailable.</summary>
    public double HealthWaitSeconds { get; init; } = 30;

    /// <summary>Client-side timeout of one request; a reply later than this counts as a timeout error.</summary>
    public double RequestTimeoutSeconds { get; init; } = 150;

    /// <summary>/proc sampling interval.</summary>
    public int SampleIntervalMs { get; init; } = 250;

    /// <summary>
    /// Before a measurement window opens, wait up to this long for the executor's process tree to use less than
    /// <see cref="SettleCpuPercent"/> of one core, so work left from the previous scenario is not charged to this one (0: no wait).
    /// </summary>
    public double SettleSeconds { get; init; } = 5;

    /// <summary>CPU (% of one core, over one sampling interval) below which the executor counts as quiet.</summary>
    public double SettleCpuPercent { get; init; } = 5;

    /// <summary>Raw latencies kept per scenario in results.json (a seeded uniform reservoir beyond this).</summary>
    public int MaxSamples { get; init; } = 20_000;

    /// <summary>Open loop: the most iterations in flight; a start beyond it is dropped and counted.</summary>
    public int MaxInFlight { get; init; } = 1000;
}

/// <summary>What <c>--quick</c> shrinks the suite to, so the whole run takes a few minutes.</summary>
public sealed record QuickConfig
{
    public int Iterations { get; init; } = 50;
    public int Warmup { get; init; } = 5;
    public int ConcurrentIterations { get; init; } = 400;
    public IReadOnlyList<int> SweepConcurrency { get; init; } = [1, 10, 50];
    public int SweepMinIterations { get; init; } = 100;
    public int SweepIterationsPerWorker { get; init; } = 4;
    public int GrowthTurns { get; init; } = 40;
}

public sealed record CompareConfig
{
    /// <summary>A change of the median smaller than this share is never a regression.</summary>
    public double ThresholdPercent { get; init; } = 5;

    /// <summary>A change of the median smaller than this many milliseconds is never a regression.</summary>
    public double NoiseFloorMs { get; init; } = 0.5;

    /// <summary>Significance level of the Mann-Whitney test.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>A change of CPU per run smaller than this many milliseconds is never a regression (nor below two /proc ticks over the runs).</summary>
    public double CpuNoiseFloorMs { get; init; } = 0.05;

    /// <summary>Cold start is reported; true makes a slower cold start a regression too.</summary>
    public bool GateColdStart { get; init; }
}
