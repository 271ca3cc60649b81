using BenchApp.LoadDriver.Cli;
using BenchApp.LoadDriver.Comparison;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Results;
using Spectre.Console.Cli;
using static BenchApp.LoadDriver.Tests.TestResults;

namespace BenchApp.LoadDriver.Tests;

public sealed class ComparisonTests
{
    private static readonly CompareConfig Settings = new() { ThresholdPercent = 5, NoiseFloorMs = 0.5, Alpha = 0.01 };

    private static ComparisonRow Compare(double[] baseline, double[] current, double baseErrors = 0, double currentErrors = 0) =>
        ResultsComparer.Row("x", "simple-chat", Scenario("x", "simple-chat", baseline, baseErrors), Scenario("x", "simple-chat", current, currentErrors), Settings);

    [Fact]
    public void A_twenty_percent_slower_median_is_a_regression()
    {
        var row = Compare(Latencies(10, 300, 1), Latencies(12, 300, 2));

        Assert.Equal(Verdict.Regression, row.Verdict);
        Assert.InRange(row.Ratio!.Value, 1.15, 1.25);
        Assert.True(row.PValue < 0.001);
    }

    [Fact]
    public void A_faster_median_is_an_improvement()
    {
        var row = Compare(Latencies(12, 300, 3), Latencies(10, 300, 4));
        Assert.Equal(Verdict.Improvement, row.Verdict);
    }

    [Fact]
    public void The_same_distribution_is_not_a_regression()
    {
        var row = Compare(Latencies(10, 300, 5), Latencies(10, 300, 6));
        Assert.Equal(Verdict.Same, row.Verdict);
    }

    [Fact]
    public void A_significant_change_below_the_relative_threshold_is_the_same()
    {
        // 3% slower with 2000 samples each is significant, but under the 5% threshold.
        var row = Compare(Latencies(100, 2000, 7), Latencies(103, 2000, 8));
        Assert.Equal(Verdict.Same, row.Verdict);
        Assert.True(row.PValue < 0.01, "the test alone would call it a change");
    }

    [Fact]
    public void A_change_below_the_noise_floor_is_the_same()
    {
        // 30% slower, but by 0.3 ms, under the 0.5 ms floor.
        var row = Compare(Latencies(1, 300, 9), Latencies(1.3, 300, 10));
        Assert.Equal(Verdict.Same, row.Verdict);
    }

    [Fact]
    public void A_large_change_on_few_samples_is_not_significant()
    {
        var row = Compare([10, 30, 11, 29, 12], [20, 12, 31, 13, 28]);
        Assert.Equal(Verdict.NotSignificant, row.Verdict);
    }

    [Fact]
    public void More_errors_are_a_regression_even_at_the_same_speed()
    {
        var row = Compare(Latencies(10, 300, 11), Latencies(10, 300, 12), baseErrors: 0, currentErrors: 0.05);
        Assert.Equal(Verdict.Regression, row.Verdict);
        Assert.Contains("error rate", row.Note);
    }

    [Fact]
    public void A_scenario_in_one_run_only_is_missing_not_a_regression()
    {
        var rows = ResultsComparer.Compare(
            With(Scenario("a", "simple-chat", Latencies(10, 50, 1)), Scenario("b", "simple-chat", Latencies(10, 50, 2))),
            With(Scenario("a", "simple-chat", Latencies(10, 50, 3))), Settings);
        Assert.Equal(Verdict.Missing, rows.Single(r => r.Executor == "b").Verdict);
        Assert.NotEqual(Verdict.Regression, rows.Single(r => r.Executor == "a").Verdict);
    }

    [Fact]
    public void The_markdown_names_the_regression_and_the_geomean()
    {
        var baseline = With(Scenario("a", "simple-chat", Latencies(10, 300, 1)), Scenario("b", "agent-loop", Latencies(20, 300, 2)));
        var current = With(Scenario("a", "simple-chat", Latencies(13, 300, 3)), Scenario("b", "agent-loop", Latencies(20, 300, 4)));
        var rows = ResultsComparer.Compare(baseline, current, Settings);

        var markdown = ComparisonReport.Render(baseline, current, rows, Settings);

        Assert.Contains("| a | simple-chat |", markdown);
        Assert.Contains("**regression**", markdown);
        Assert.Contains("**1 regression.**", markdown);
        Assert.Contains("Geometric mean of current/baseline medians: 1.1", markdown);
    }

    [Fact]
    public async Task The_compare_command_exits_99_on_a_regression_and_0_without()
    {
        var dir = Directory.CreateTempSubdirectory("ld-compare-");
        try
        {
            var slow = Path.Combine(dir.FullName, "slow.json");
            var fast = Path.Combine(dir.FullName, "fast.json");
            var fastAgain = Path.Combine(dir.FullName, "fast2.json");
            ResultsWriterFile(fast, With(Scenario("a", "simple-chat", Latencies(10, 300, 1))));
            ResultsWriterFile(fastAgain, With(Scenario("a", "simple-chat", Latencies(10, 300, 2))));
            ResultsWriterFile(slow, With(Scenario("a", "simple-chat", Latencies(15, 300, 3))));
            var markdown = Path.Combine(dir.FullName, "comment.md");

            var app = new CommandApp();
            app.Configure(c => c.AddBenchCommands());
            Assert.Equal(99, await app.RunAsync(["compare", fast, slow, "--markdown", markdown], TestContext.Current.CancellationToken));
            Assert.Contains("**1 regression.**", File.ReadAllText(markdown));
            Assert.Equal(0, await app.RunAsync(["compare", fast, fastAgain], TestContext.Current.CancellationToken));
            Assert.Equal(1, await app.RunAsync(["compare", fast, Path.Combine(dir.FullName, "absent.json")], TestContext.Current.CancellationToken));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void ResultsWriterFile(string path, BenchmarkResults results) =>
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(results, ResultsJson.Options));
}
