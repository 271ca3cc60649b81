using BenchApp.Contracts.MockLlm;

namespace BenchApp.MockLlm.Accounting;

/// <summary>Service-wide counters behind <c>GET /admin/stats</c>: lock-free, one increment per request.</summary>
public sealed class ServiceStats
{
    private readonly long[] _byOutcome = new long[Enum.GetValues<RequestOutcome>().Length];
    private long _waitMicros;

    public void Record(RequestOutcome outcome, double waitMs)
    {
        Interlocked.Increment(ref _byOutcome[(int)outcome]);
        if (waitMs > 0) Interlocked.Add(ref _waitMicros, (long)Math.Round(waitMs * 1000));
    }

    public MockLlmStats Snapshot()
    {
        long Count(RequestOutcome o) => Interlocked.Read(ref _byOutcome[(int)o]);
        var counts = new OutcomeCounts
        {
            Ok = Count(RequestOutcome.Ok),
            Error = Count(RequestOutcome.Error),
            RateLimited = Count(RequestOutcome.RateLimited),
            Hung = Count(RequestOutcome.Hung),
            BadRequest = Count(RequestOutcome.BadRequest),
            Cancelled = Count(RequestOutcome.Cancelled),
        };
        return new MockLlmStats
        {
            Requests = counts.Ok + counts.Error + counts.RateLimited + counts.Hung + counts.BadRequest + counts.Cancelled,
            ByOutcome = counts,
            WaitMsTotal = Interlocked.Read(ref _waitMicros) / 1000.0,
            Build = BenchApp.Contracts.Runs.BuildFlavor.Current,
        };
    }

    public void Reset()
    {
        for (var i = 0; i < _byOutcome.Length; i++) Interlocked.Exchange(ref _byOutcome[i], 0);
        Interlocked.Exchange(ref _waitMicros, 0);
    }
}
