using System.Diagnostics.Metrics;
using BenchApp.Executors.Temporal;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>The SDK's metrics reach System.Diagnostics.Metrics listeners (the app's MeterProvider is one) with their tags.</summary>
public class TemporalMetricMeterTests
{
    [Fact]
    public void Counters_histograms_and_gauges_reach_a_listener_with_inherited_tags_and_durations_in_seconds()
    {
        using var meter = new Meter("BenchApp.Temporal.Test." + Guid.NewGuid().ToString("N"));
        var seen = new List<(string Name, double Value, Dictionary<string, object?> Tags, string? Unit)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Collect(tags), i.Unit)));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Collect(tags), i.Unit)));
        listener.Start();
        var temporal = new TemporalMetricMeter(meter);

        var worker = temporal.CreateTags(null, [new("namespace", "default")]);
        var queue = temporal.CreateTags(worker, [new("task_queue", "q"), new("sticky", true)]);
        temporal.CreateCounter<long>("temporal_request", null, "requests").Add(2, queue);
        temporal.CreateHistogram<double>("temporal_workflow_task_execution_latency", "s", null).Record(0.25, queue);
        temporal.CreateHistogram<TimeSpan>("temporal_poll_latency", "duration", null).Record(TimeSpan.FromMilliseconds(1500), worker);
        temporal.CreateGauge<long>("temporal_sticky_cache_size", null, null).Set(7, worker);

        Assert.Equal(
            [("temporal_request", 2.0), ("temporal_workflow_task_execution_latency", 0.25), ("temporal_poll_latency", 1.5), ("temporal_sticky_cache_size", 7.0)],
            seen.Select(s => (s.Name, s.Value)));
        Assert.Equal(new Dictionary<string, object?> { ["namespace"] = "default", ["task_queue"] = "q", ["sticky"] = true }, seen[0].Tags);
        Assert.Equal(new Dictionary<string, object?> { ["namespace"] = "default" }, seen[2].Tags);
        Assert.Equal("s", seen[2].Unit); // a TimeSpan histogram is recorded in seconds whatever unit Core names
    }

    private static Dictionary<string, object?> Collect(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }
}
