using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Tests;

/// <summary>Small, valid results for tests that compare or report.</summary>
internal static class TestResults
{
    public static BenchmarkResults With(params ScenarioResult[] scenarios) => new()
    {
        Status = "complete",
        Metadata = new RunMetadata
        {
            StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Git = new GitInfo("0123456789abcdef0123456789abcdef01234567", false, null),
            Machine = new MachineInfo { Hostname = "test", CpuModel = "Test CPU", Cores = 2, MemoryMb = 2048, Os = "TestOS", Kernel = "1.0", Architecture = "X64" },
            Runtimes = new Dictionary<string, string> { ["driver_dotnet"] = ".NET 10" },
            CommandLine = "run --test",
            Seed = 42,
            Config = new BenchmarkConfig(),
        },
        MockLlm = new MockLlmStatus { Url = "http://127.0.0.1:1/", AdminAvailable = true },
        Executors = scenarios.Select(s => s.Executor).Distinct().Select(e => new ExecutorResult { Name = e, Source = "flag", Available = true }).ToList(),
        Scenarios = scenarios,
    };

    public static ScenarioResult Scenario(string executor, string scenario, IReadOnlyList<double> samples, double errorRate = 0) => new()
    {
        Executor = executor,
        Scenario = scenario,
        Directive = "#bench tool_calls=0 reply_tokens=16",
        Expected = new ExpectedReply(1, 0, 1),
        Load = new LoadSettings { Model = LoadModel.Closed, Concurrency = 1, Iterations = samples.Count, Warmup = 0 },
        Requests = samples.Count,
        Ok = samples.Count,
        Errors = new ErrorCounts(),
        ErrorRate = errorRate,
        LatencyMs = LatencyStats.FromMilliseconds(samples),
        SamplesMs = samples,
    };

    /// <summary>Seeded log-normal-ish latencies around <paramref name="median"/> ms.</summary>
    public static double[] Latencies(double median, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Round(median * Math.Exp(0.1 * Gaussian(random)), 3)).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
