using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Latency;
using BenchApp.MockLlm.Runtime;

namespace BenchApp.MockLlm.Faults;

/// <summary>
/// Decides whether a valid completion fails: first the "fail the next N" queue of recovery scenarios, then the
/// seeded rates (one uniform draw per request, split into [error | rate limit | hang | none]).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private int _failNextCount;
    private FaultKind _failNextKind = FaultKind.Error;

    public FaultKind Decide(ActiveConfig active, long sequence)
    {
        if (Volatile.Read(ref _failNextCount) > 0 && TryTakeFailNext(out var forced)) return forced;
        if (!active.HasFaultRates) return FaultKind.None;

        var faults = active.Faults;
        var u = SeededDraws.Uniform(active.Seed, sequence, SeededDraws.FaultStream);
        if (u < faults.ErrorRate) return FaultKind.Error;
        u -= faults.ErrorRate;
        if (u < faults.RateLimitRate) return FaultKind.RateLimit;
        u -= faults.RateLimitRate;
        return u < faults.HangRate ? FaultKind.Hang : FaultKind.None;
    }

    /// <summary>Replaces what is pending; returns the pending state.</summary>
    public FailNextRequest SetFailNext(FailNextRequest request)
    {
        lock (_gate)
        {
            _failNextKind = Parse(request.Kind);
            _failNextCount = request.Count;
            return PendingUnlocked();
        }
    }

    public FailNextRequest Pending()
    {
        lock (_gate) return PendingUnlocked();
    }

    public static FaultKind Parse(string kind) => kind switch
    {
        FaultKinds.Error => FaultKind.Error,
        FaultKinds.RateLimit => FaultKind.RateLimit,
        FaultKinds.Hang => FaultKind.Hang,
        FaultKinds.Unavailable => FaultKind.Unavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };

    private FailNextRequest PendingUnlocked() => new()
    {
        Count = _failNextCount,
        Kind = _failNextKind switch
        {
            FaultKind.RateLimit => FaultKinds.RateLimit,
            FaultKind.Hang => FaultKinds.Hang,
            FaultKind.Unavailable => FaultKinds.Unavailable,
            _ => FaultKinds.Error,
        },
    };

    private bool TryTakeFailNext(out FaultKind kind)
    {
        lock (_gate)
        {
            kind = _failNextKind;
            if (_failNextCount <= 0) return false;
            _failNextCount--;
            return true;
        }
    }
}
