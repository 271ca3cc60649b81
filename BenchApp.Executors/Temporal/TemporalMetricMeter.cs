using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The Temporal SDK's own metrics (worker slots, poll and schedule-to-start latencies, sticky cache, requests)
/// as System.Diagnostics.Metrics instruments of the <c>BenchApp.Temporal</c> meter, so the app's MeterProvider
/// exports them with the rest. Durations arrive as float seconds (MetricsOptions.CustomMetricMeterOptions).
/// </summary>
public sealed class TemporalMetricMeter(Meter meter) : ICustomMetricMeter
{
    public const string MeterName = "BenchApp.Temporal";

    public ICustomMetricCounter<T> CreateCounter<T>(string name, string? unit, string? description) where T : struct =>
        new CounterMetric<T>(meter.CreateCounter<T>(name, unit, description));

    public ICustomMetricHistogram<T> CreateHistogram<T>(string name, string? unit, string? description) where T : struct =>
        typeof(T) == typeof(TimeSpan)
            ? (ICustomMetricHistogram<T>)(object)new DurationHistogram(meter.CreateHistogram<double>(name, "s", description))
            : new HistogramMetric<T>(meter.CreateHistogram<T>(name, unit, description));

    public ICustomMetricGauge<T> CreateGauge<T>(string name, string? unit, string? description) where T : struct =>
        new GaugeMetric<T>(meter.CreateGauge<T>(name, unit, description));

    public object CreateTags(object? appendFrom, IReadOnlyCollection<KeyValuePair<string, object>> tags)
    {
        var inherited = appendFrom as KeyValuePair<string, object?>[] ?? [];
        var result = new KeyValuePair<string, object?>[inherited.Length + tags.Count];
        inherited.CopyTo(result, 0);
        var i = inherited.Length;
        foreach (var tag in tags) result[i++] = new(tag.Key, tag.Value);
        return result;
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(object tags) => (KeyValuePair<string, object?>[])tags;

    private sealed class CounterMetric<T>(Counter<T> counter) : ICustomMetricCounter<T> where T : struct
    {
        public void Add(T value, object tags) => counter.Add(value, Tags(tags));
    }

    private sealed class HistogramMetric<T>(Histogram<T> histogram) : ICustomMetricHistogram<T> where T : struct
    {
        public void Record(T value, object tags) => histogram.Record(value, Tags(tags));
    }

    private sealed class DurationHistogram(Histogram<double> histogram) : ICustomMetricHistogram<TimeSpan>
    {
        public void Record(TimeSpan value, object tags) => histogram.Record(value.TotalSeconds, Tags(tags));
    }

    private sealed class GaugeMetric<T>(Gauge<T> gauge) : ICustomMetricGauge<T> where T : struct
    {
        public void Set(T value, object tags) => gauge.Record(value, Tags(tags));
    }
}
