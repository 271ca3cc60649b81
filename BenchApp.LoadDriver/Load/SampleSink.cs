using HdrHistogram;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Load;

/// <summary>Collects a phase's samples from many workers, and keeps a live view for the progress display.</summary>
public sealed class SampleSink
{
    private readonly List<RequestSample> _samples = [];
    private readonly LongHistogram _live = LatencyStats.NewHistogram();
    private long _errors;

    public void Add(RequestSample sample)
    {
        lock (_samples)
        {
            _samples.Add(sample);
            if (sample.Error == ErrorKind.None) _live.RecordValue(LatencyStats.ToMicros(sample.LatencyMs));
            else _errors++;
        }
    }

    public IReadOnlyList<RequestSample> Samples
    {
        get { lock (_samples) return _samples.ToList(); }
    }

    public LiveSnapshot Snapshot()
    {
        lock (_samples)
            return new LiveSnapshot(_samples.Count, _errors,
                _live.TotalCount > 0 ? _live.GetValueAtPercentile(50) / 1000.0 : 0,
                _live.TotalCount > 0 ? _live.GetValueAtPercentile(99) / 1000.0 : 0);
    }
}

public readonly record struct LiveSnapshot(long Requests, long Errors, double P50Ms, double P99Ms);
