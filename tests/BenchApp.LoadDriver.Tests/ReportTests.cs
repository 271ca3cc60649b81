using BenchApp.LoadDriver.Cli;
using BenchApp.LoadDriver.Reports;
using BenchApp.LoadDriver.Results;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Tests;

/// <summary>Reports are rebuilt from a fixed results.json (a real quick run, trimmed) and checked against golden files.</summary>
public sealed class ReportTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "TestData", "results.json");
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "TestData", "benchmark-results.golden.md");

    private static readonly string[] AllCharts =
    [
        "latency-simple-chat.png", "latency-tool-execution.png", "latency-multi-turn.png", "latency-agent-loop.png", "latency-concurrent.png",
        ChartRenderer.CpuChart, ChartRenderer.MemoryChart, ChartRenderer.SweepLatencyChart, ChartRenderer.SweepThroughputChart, ChartRenderer.GrowthChart,
    ];

    [Fact]
    public void The_markdown_report_matches_the_golden_file()
    {
        var markdown = MarkdownReport.Render(ResultsJson.Read(Fixture), AllCharts);

        // To accept a deliberate change: BENCH_UPDATE_GOLDEN=1 dotnet test, then review the diff of the golden file.
        if (Environment.GetEnvironmentVariable("BENCH_UPDATE_GOLDEN") == "1")
            File.WriteAllText(BenchApp.TestSupport.RepoPaths.Combine("tests", "BenchApp.LoadDriver.Tests", "TestData", "benchmark-results.golden.md"), markdown);
        Assert.Equal(File.ReadAllText(Golden), markdown);
    }

    [Fact]
    public void The_seeds_tables_are_there_with_overhead_columns()
    {
        var markdown = MarkdownReport.Render(ResultsJson.Read(Fixture), []);

        Assert.Contains("| Executor | p50 (ms) | p99 (ms) | Memory avg / peak (MiB) | CPU avg / peak (%) |", markdown);
        Assert.Contains("Overhead p50 (ms) | Overhead p99 (ms) |", markdown);
        Assert.Contains("| Executor | Throughput (req/s) | p50 (ms) | p99 (ms) | Error rate |", markdown);
        Assert.Contains("| simple-chat | 1.27x (4.79 ms) [1.27x] | **1.00x** (3.78 ms) [1.00x] |", markdown);
        Assert.Contains("| python-langgraph | unavailable: langgraph is not installed (no PyPI here) |", markdown);
        Assert.Contains("| dotnet-inproc | 42.6% | 3.17 |", markdown); // multi-turn state share
        Assert.Contains("| p99<100 | python-baseline | concurrent | 3348.479 | **FAIL** |", markdown);
        Assert.DoesNotContain("![", markdown); // no chart drawn, none linked
    }

    [Fact]
    public void The_sections_users_ask_about_are_there()
    {
        var markdown = MarkdownReport.Render(ResultsJson.Read(Fixture), []);

        Assert.Contains("- **Builds:** driver release, mock LLM release; executors in the table below", markdown);
        Assert.DoesNotContain("DEBUG BUILD", markdown);
        Assert.Contains("| Executor | Status | Language | Framework | Build | Durable |", markdown);
        Assert.Contains("| dotnet-inproc | available | csharp 10.0.12 | none | release |", markdown);
        // Cold start: median (max) of the driver's own starts.
        Assert.Contains("| dotnet-inproc | 3/3 | 1793 (2893) | 2201 (3359) | 83.1 (83.4) | release | — |", markdown);
        Assert.Contains("| python-baseline | 3/3 | 550 (566) | 554 (572) | 46.6 (46.6) | n/a (not .NET) | — |", markdown);
        // CPU per run and memory per session, in the summary and in each scenario table.
        Assert.Contains("| Scenario | dotnet-inproc CPU (ms/run) | python-baseline CPU (ms/run) | dotnet-inproc RSS / session (MiB) |", markdown);
        Assert.Contains("| CPU avg / peak (%) | CPU (ms/run) | Peak RSS / session (MiB) |", markdown);
        // End to end at the realistic profile, with the sentence on reading both.
        Assert.Contains("## End to end (mock LLM latency realistic: first token 300 ms + 20 ms/token, lognormal jitter)", markdown);
        Assert.Contains("Read them with the zero-latency tables above", markdown);
        Assert.Contains("| Scenario | Executor | Total time p50 (ms) | Total time p99 (ms) | Peak memory (MiB) |", markdown);
        Assert.Contains("| Executor | Throughput (req/s) | p50 (ms) | Error rate | Peak RSS / session (MiB) | CPU (ms/run) |", markdown);
        // State per turn, fitted, with the store's limit.
        Assert.Contains("| dotnet-inproc | 40 | 265 | 10,592 | 10.3 | 265 | 1.00 | Redis 512 MB per value | 2,016,804 | — |", markdown);
        // Workers: the per-core copy that does not honour WORKERS is reported, not measured.
        Assert.Contains("- python-baseline (2 workers): not measured: the copy started with WORKERS=2 reports workers=null", markdown);
        Assert.Contains("| dotnet-inproc | CPU (ms/run) |", markdown);
        // Work repeated after a crash, with the durability setting.
        Assert.Contains("| Executor | Durable | Durability setting | Killed after (ms) |", markdown);
        Assert.Contains(">Repeated LLM calls".TrimStart('>'), markdown);
    }

    [Fact]
    public async Task The_report_command_rebuilds_the_markdown_and_draws_the_charts()
    {
        var dir = Directory.CreateTempSubdirectory("ld-report-");
        try
        {
            File.Copy(Fixture, Path.Combine(dir.FullName, ResultsWriter.ResultsFileName));
            var app = new CommandApp();
            app.Configure(c => c.AddBenchCommands());

            Assert.Equal(0, await app.RunAsync(["report", dir.FullName], TestContext.Current.CancellationToken));

            Assert.Equal(File.ReadAllText(Golden), File.ReadAllText(Path.Combine(dir.FullName, ResultsWriter.ReportFileName)));
            foreach (var chart in AllCharts)
            {
                var png = File.ReadAllBytes(Path.Combine(dir.FullName, chart));
                Assert.True(png.Length > 5000, $"{chart} has a picture");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            }
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp*"));
            Assert.Equal(1, await app.RunAsync(["report", Path.Combine(dir.FullName, "nothing-here")], TestContext.Current.CancellationToken));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_results_file_of_another_schema_version_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("ld-schema-");
        try
        {
            var path = Path.Combine(dir.FullName, "results.json");
            File.WriteAllText(path, File.ReadAllText(Fixture).Replace("\"schema_version\": 1", "\"schema_version\": 2"));
            var e = Assert.Throws<InvalidDataException>(() => ResultsJson.Read(path));
            Assert.Contains("schema_version 2", e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
