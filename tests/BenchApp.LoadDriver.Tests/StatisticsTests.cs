using BenchApp.LoadDriver.Comparison;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Scenarios;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace BenchApp.LoadDriver.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void Percentiles_of_one_to_a_thousand_ms_are_within_hdr_precision()
    {
        var stats = LatencyStats.FromMilliseconds(Enumerable.Range(1, 1000).Select(i => (double)i), withSpectrum: true)!;

        Assert.Equal(1000, stats.Count);
        // 3 significant digits: each value is reported within 0.1% of the true order statistic.
        Assert.InRange(stats.P50, 500, 500.5);
        Assert.InRange(stats.P90, 900, 900.9);
        Assert.InRange(stats.P99, 990, 991);
        Assert.InRange(stats.P999, 999, 1000.5);
        Assert.InRange(stats.Max, 1000, 1000.5);
        Assert.InRange(stats.Min, 0.999, 1.001);
        Assert.InRange(stats.Mean, 500.4, 500.6);
        Assert.Equal(LatencyStats.SpectrumPercentiles.Length, stats.Spectrum!.Count);
        Assert.True(stats.Spectrum.Zip(stats.Spectrum.Skip(1)).All(p => p.First[1] <= p.Second[1]), "the spectrum rises with the percentile");
    }

    [Fact]
    public void Sub_millisecond_latencies_keep_microsecond_resolution()
    {
        var stats = LatencyStats.FromMilliseconds([0.101, 0.102, 0.103, 0.250, 0.999])!;
        Assert.Equal(0.103, stats.P50, 3);
        Assert.Equal(0.999, stats.Max, 3);
        Assert.Equal(0.101, stats.Min, 3);
    }

    [Fact]
    public void No_samples_give_no_stats() => Assert.Null(LatencyStats.FromMilliseconds([]));

    [Fact]
    public void Mann_whitney_matches_scipys_asymptotic_p_value_on_its_documented_example()
    {
        // scipy.stats.mannwhitneyu(males, females, method="asymptotic") -> U1 = 17, p = 0.11134688653314041 (two-sided).
        double[] males = [19, 22, 16, 29, 24];
        double[] females = [20, 11, 17, 12];

        var result = MannWhitney.Test(females, males);

        Assert.Equal(17, result.U);
        Assert.Equal(0.11134688653314041, result.PTwoSided, 6);
        Assert.Equal(0.11134688653314041 / 2, result.PGreater, 6);
        Assert.True(result.PLess > 0.9);
    }

    [Fact]
    public void Mann_whitney_applies_the_tie_correction()
    {
        // x = 1..10, y = 6..15: values 6..10 tie once each (5 groups of 2).
        var x = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var y = Enumerable.Range(6, 10).Select(i => (double)i).ToArray();

        var result = MannWhitney.Test(x, y);

        // U = 87.5; sigma^2 = 10*10/12 * (21 - 5*(2^3-2)/(20*19)) = 174.342..., z = (87.5 - 50 - 0.5)/sigma.
        Assert.Equal(87.5, result.U);
        var sigma = Math.Sqrt(100.0 / 12 * (21 - 30.0 / 380));
        Assert.Equal(MannWhitney.UpperTail(37 / sigma), result.PGreater, 12);
        Assert.InRange(result.PGreater, 0.0025, 0.0026);
    }

    [Fact]
    public void Mann_whitney_agrees_with_perfolizer_on_tie_free_samples()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 200).Select(_ => random.NextDouble() + 0.2).ToArray();

        var ours = MannWhitney.Test(x, y);
        var theirs = MannWhitneyTest.Instance.PerformStrategy(new Sample(y), new Sample(x), AlternativeHypothesis.Greater, Threshold.Zero, MannWhitneyStrategy.NormalApprox);

        Assert.Equal(theirs.Ux, ours.U);
        // Perfolizer's normal approximation has no continuity correction: allow for that half unit.
        Assert.Equal(theirs.PValue.Value, ours.PGreater, 3);
        Assert.True(ours.PGreater < 0.01);
    }

    [Fact]
    public void Identical_samples_are_no_evidence_of_a_change()
    {
        var result = MannWhitney.Test([5, 5, 5], [5, 5, 5]);
        Assert.Equal(1, result.PTwoSided);
        Assert.Equal(1, result.PGreater);
    }

    [Fact]
    public void Erfc_matches_known_values()
    {
        Assert.Equal(1, MannWhitney.Erfc(0), 7);
        Assert.Equal(0.157299207050285, MannWhitney.Erfc(1), 7);
        Assert.Equal(1.842700792949715, MannWhitney.Erfc(-1), 7);
        Assert.Equal(0.0227501319481792, MannWhitney.UpperTail(2), 7);
    }

    [Fact]
    public void Reservoir_keeps_all_values_under_capacity_and_a_seeded_subset_over_it()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (double)i).ToList();
        Assert.Equal(values, ScenarioAnalysis.Reservoir(values, 2000, 1));

        var kept = ScenarioAnalysis.Reservoir(values, 100, 42);
        Assert.Equal(100, kept.Count);
        Assert.Equal(100, kept.Distinct().Count());
        Assert.Equal(kept, ScenarioAnalysis.Reservoir(values, 100, 42));
        Assert.True(kept.Any(v => v >= 500), "values from the second half are kept too");
    }
}
