using System.Diagnostics.Metrics;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Tests;

public sealed class DriverMetricsTests
{
    [Fact]
    public void Each_run_is_recorded_in_the_duration_histogram_with_executor_scenario_and_outcome()
    {
        var seen = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DriverMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => { lock (seen) seen.Add((i.Name, v, Tags(tags))); });
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => { lock (seen) seen.Add((i.Name, v, Tags(tags))); });
        listener.Start();
        using var metrics = new DriverMetrics();

        metrics.RecordRun("dotnet-inproc", "simple-chat", 0.004, ErrorKind.None);
        metrics.RecordRun("dotnet-inproc", "simple-chat", 0.2, ErrorKind.WrongAnswer);

        lock (seen)
        {
            var durations = seen.Where(s => s.Instrument == "bench.run.duration").ToList();
            Assert.Equal([0.004, 0.2], durations.Select(d => d.Value));
            Assert.Equal(("dotnet-inproc", "simple-chat", "ok"), ((string)durations[0].Tags["executor"]!, (string)durations[0].Tags["scenario"]!, (string)durations[0].Tags["outcome"]!));
            Assert.Equal("wrong_answer", durations[1].Tags["outcome"]);
            var error = Assert.Single(seen, s => s.Instrument == "bench.run.errors");
            Assert.Equal("wrong_answer", error.Tags["kind"]);
        }
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }
}
