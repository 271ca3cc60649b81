using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Faults;
using BenchApp.MockLlm.Runtime;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class FaultInjectorTests
{
    private static ActiveConfig Config(double error = 0, double rateLimit = 0, double hang = 0, long seed = 42) =>
        new(new MockLlmConfig { Faults = new FaultConfig { ErrorRate = error, RateLimitRate = rateLimit, HangRate = hang }, Seed = seed });

    private static FaultKind[] Draw(ActiveConfig active, FaultInjector injector, int count) =>
        Enumerable.Range(0, count).Select(_ => injector.Decide(active, active.NextSequence())).ToArray();

    [Fact]
    public void Seeded_rates_are_reproducible_and_near_the_configured_fractions()
    {
        var first = Draw(Config(0.1, 0.2, 0.05, seed: 9), new FaultInjector(), 20_000);
        var second = Draw(Config(0.1, 0.2, 0.05, seed: 9), new FaultInjector(), 20_000);
        Assert.Equal(first, second);

        Assert.InRange(first.Count(f => f == FaultKind.Error), 1_800, 2_200);
        Assert.InRange(first.Count(f => f == FaultKind.RateLimit), 3_700, 4_300);
        Assert.InRange(first.Count(f => f == FaultKind.Hang), 850, 1_150);

        var otherSeed = Draw(Config(0.1, 0.2, 0.05, seed: 10), new FaultInjector(), 20_000);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void No_rates_means_no_faults()
    {
        Assert.All(Draw(Config(), new FaultInjector(), 1000), f => Assert.Equal(FaultKind.None, f));
        Assert.All(Draw(Config(error: 1), new FaultInjector(), 1000), f => Assert.Equal(FaultKind.Error, f));
    }

    [Fact]
    public void Fail_next_comes_first_counts_down_and_can_be_cleared()
    {
        var injector = new FaultInjector();
        var active = Config();
        Assert.Equal(3, injector.SetFailNext(new FailNextRequest { Count = 3, Kind = FaultKinds.RateLimit }).Count);

        Assert.Equal([FaultKind.RateLimit, FaultKind.RateLimit, FaultKind.RateLimit, FaultKind.None], Draw(active, injector, 4));
        Assert.Equal(0, injector.Pending().Count);

        injector.SetFailNext(new FailNextRequest { Count = 5, Kind = FaultKinds.Hang });
        Assert.Equal(FaultKind.Hang, injector.Decide(active, active.NextSequence()));
        injector.SetFailNext(new FailNextRequest { Count = 0, Kind = FaultKinds.Error });
        Assert.Equal(FaultKind.None, injector.Decide(active, active.NextSequence()));
    }
}
