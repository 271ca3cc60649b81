using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Latency;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class LatencyModelTests
{
    private static LatencyModel Model(double ttft, double perToken, string distribution = "none", double stddev = 0, double sigma = 0, long seed = 42) =>
        new(new LatencyConfig
        {
            TtftMs = ttft,
            PerTokenMs = perToken,
            Jitter = new JitterConfig { Distribution = distribution, StddevMs = stddev, Sigma = sigma },
        }, seed);

    [Fact]
    public void Without_jitter_the_wait_is_ttft_plus_per_token_time()
    {
        var plan = Model(100, 2.5).Plan(40, sequence: 0);
        Assert.Equal(200, plan.TotalMs, 9);
        Assert.Equal(100, plan.DueMs(0), 9);
        Assert.Equal(plan.TotalMs, plan.DueMs(40), 9);
    }

    [Fact]
    public async Task Zero_latency_is_recognised_and_waits_without_a_timer()
    {
        var model = Model(0, 0);
        Assert.True(model.IsZero);
        Assert.True(model.Plan(100, 7).IsZero);
        var wait = DeliberateWait.DelayAsync(0, CancellationToken.None);
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(0, await wait);
        Assert.False(Model(0, 0, "normal", stddev: 5).IsZero, "normal jitter around zero still waits sometimes");
    }

    [Theory]
    [InlineData("normal", 10, 0)]
    [InlineData("lognormal", 0, 0.5)]
    public void Seeded_jitter_is_reproducible_and_depends_on_the_seed(string distribution, double stddev, double sigma)
    {
        var a = Enumerable.Range(0, 50).Select(i => Model(50, 1, distribution, stddev, sigma, seed: 7).Plan(10, i).TotalMs).ToArray();
        var b = Enumerable.Range(0, 50).Select(i => Model(50, 1, distribution, stddev, sigma, seed: 7).Plan(10, i).TotalMs).ToArray();
        var other = Enumerable.Range(0, 50).Select(i => Model(50, 1, distribution, stddev, sigma, seed: 8).Plan(10, i).TotalMs).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.True(a.Distinct().Count() > 45, "draws differ from request to request");
    }

    [Fact]
    public void Normal_jitter_has_the_configured_mean_and_spread()
    {
        var model = Model(90, 1, "normal", stddev: 10);
        var totals = Enumerable.Range(0, 20_000).Select(i => model.Plan(10, i).TotalMs).ToArray();
        var mean = totals.Average();
        var sd = Math.Sqrt(totals.Select(t => (t - mean) * (t - mean)).Average());
        Assert.InRange(mean, 99.5, 100.5);
        Assert.InRange(sd, 9.7, 10.3);
        Assert.All(totals, t => Assert.True(t >= 0));
    }

    [Fact]
    public void Lognormal_jitter_keeps_the_mean_and_is_skewed_right()
    {
        const double sigma = 0.5;
        var model = Model(80, 2, "lognormal", sigma: sigma);
        var totals = Enumerable.Range(0, 40_000).Select(i => model.Plan(10, i).TotalMs).Order().ToArray();
        var mean = totals.Average();
        var median = totals[totals.Length / 2];
        Assert.InRange(mean, 98, 102);
        Assert.InRange(median, 100 * Math.Exp(-sigma * sigma / 2) * 0.97, 100 * Math.Exp(-sigma * sigma / 2) * 1.03);
        Assert.True(totals[0] > 0);
        Assert.True(totals[^1] - median > median - totals[0], "a long right tail");
    }

    [Fact]
    public void Jitter_scales_ttft_and_per_token_time_alike_so_streaming_waits_the_same_total()
    {
        var model = Model(40, 3, "lognormal", sigma: 0.8);
        for (var i = 0; i < 100; i++)
        {
            var plan = model.Plan(20, i);
            Assert.Equal(plan.TotalMs, plan.DueMs(20), 9);
            Assert.Equal(40.0 / 3.0, plan.TtftMs / plan.PerTokenMs, 6);
        }
    }

    [Fact]
    public async Task A_real_wait_takes_at_least_the_planned_time()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var waited = await DeliberateWait.DelayAsync(20, TestContext.Current.CancellationToken);
        Assert.True(waited >= 19.5, $"waited {waited} ms");
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 19.5);
    }

    [Fact]
    public async Task A_cancelled_wait_reports_how_long_it_waited()
    {
        using var cts = new CancellationTokenSource();
        var wait = DeliberateWait.DelayAsync(10_000, cts.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(30));
        var e = await Assert.ThrowsAsync<WaitCancelledException>(async () => await wait);
        Assert.InRange(e.WaitedMs, 25, 9_000);
    }
}
