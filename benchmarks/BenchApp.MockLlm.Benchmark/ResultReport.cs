using System.Globalization;
using System.Text.Json;
using HdrHistogram;

namespace BenchApp.MockLlm.Benchmark;

/// <summary>Prints a run's figures and writes them as JSON (temp file + rename).</summary>
public static class ResultReport
{
    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static void Print(BenchmarkOptions options, LoadResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"mock LLM benchmark: {options.Url} scenario={options.Scenario} concurrency={options.Concurrency} duration={options.Duration.TotalSeconds}s warmup={options.Warmup.TotalSeconds}s"));
        Console.WriteLine(string.Create(inv, $"  requests {result.Requests}  errors {result.Errors}{Statuses(result)}  throughput {result.RequestsPerSecond:F0} req/s"));
        Console.WriteLine($"  client latency (ms)       {Line(result.Client)}");
        Console.WriteLine($"  mock processing (ms)      {Line(result.Server)}");
        if (result.ServerCpuMicrosPerRequest is { } cpu)
            Console.WriteLine(string.Create(inv, $"  mock CPU per request      {cpu:F1} us ({result.ServerCpu!.Value.TotalSeconds / Math.Max(result.Elapsed.TotalSeconds, 1e-9):F2} cores busy)"));
    }

    public static void WriteJson(string path, BenchmarkOptions options, LoadResult result)
    {
        var document = new
        {
            url = options.Url.ToString(),
            scenario = options.Scenario,
            concurrency = options.Concurrency,
            duration_s = options.Duration.TotalSeconds,
            warmup_s = options.Warmup.TotalSeconds,
            requests = result.Requests,
            errors = result.Errors,
            requests_per_second = result.RequestsPerSecond,
            client_ms = Summary(result.Client),
            mock_processing_ms = Summary(result.Server),
            mock_cpu_us_per_request = result.ServerCpuMicrosPerRequest,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
            finished_utc = DateTimeOffset.UtcNow,
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, full, overwrite: true);
        Console.WriteLine($"  wrote {full}");
    }

    private static string Statuses(LoadResult result) =>
        result.StatusErrors.Count == 0 ? "" : " (" + string.Join(", ", result.StatusErrors.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")) + ")";

    private static string Line(HistogramBase h)
    {
        if (h.TotalCount == 0) return "no samples";
        var inv = CultureInfo.InvariantCulture;
        var parts = Percentiles.Select(p => string.Create(inv, $"p{p:0.#} {h.GetValueAtPercentile(p) / 1000.0:F3}"));
        return string.Join("  ", parts) + string.Create(inv, $"  max {h.GetMaxValue() / 1000.0:F3}  mean {h.GetMean() / 1000.0:F3}");
    }

    private static Dictionary<string, double> Summary(HistogramBase h) => h.TotalCount == 0 ? [] : new()
    {
        ["p50"] = h.GetValueAtPercentile(50) / 1000.0,
        ["p90"] = h.GetValueAtPercentile(90) / 1000.0,
        ["p99"] = h.GetValueAtPercentile(99) / 1000.0,
        ["p99_9"] = h.GetValueAtPercentile(99.9) / 1000.0,
        ["max"] = h.GetMaxValue() / 1000.0,
        ["mean"] = h.GetMean() / 1000.0,
    };
}
