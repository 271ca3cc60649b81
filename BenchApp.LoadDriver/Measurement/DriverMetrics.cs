using System.Diagnostics.Metrics;
using BenchApp.LoadDriver.Load;

namespace BenchApp.LoadDriver.Measurement;

/// <summary>
/// The driver's own OpenTelemetry instruments, so the Aspire dashboard shows a run live:
/// <c>bench.run.duration</c> (s, by executor, scenario and outcome), <c>bench.run.errors</c>, and the sampled
/// CPU and memory of the executor under load. Exported by the service defaults when OTLP is configured.
/// </summary>
public sealed class DriverMetrics : IDisposable
{
    public const string MeterName = "BenchApp.LoadDriver";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private volatile Func<(string Executor, double CpuPercent, long RssKb)?>? _resources;

    public DriverMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram("bench.run.duration", unit: "s",
            description: "Client-side latency of one POST /v1/runs (from the intended start in open-loop runs).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60] });
        _errors = _meter.CreateCounter<long>("bench.run.errors", unit: "{error}", description: "Runs that failed, by kind.");
        _meter.CreateObservableGauge("bench.executor.cpu.utilization", () => Observe(r => r.CpuPercent / 100), unit: "1",
            description: "CPU of the executor process tree under load, in cores (1 = one core busy).");
        _meter.CreateObservableGauge("bench.executor.memory.usage", () => Observe(r => r.RssKb * 1024.0), unit: "By",
            description: "Resident memory of the executor process tree under load.");
    }

    public void RecordRun(string executor, string scenario, double seconds, ErrorKind error)
    {
        var outcome = error == ErrorKind.None ? "ok" : ErrorNames.Of(error);
        _duration.Record(seconds, new("executor", executor), new("scenario", scenario), new("outcome", outcome));
        if (error != ErrorKind.None) _errors.Add(1, new("executor", executor), new("scenario", scenario), new("kind", outcome));
    }

    /// <summary>Where the resource gauges read from while a scenario runs (null between scenarios).</summary>
    public void ObserveResources(Func<(string Executor, double CpuPercent, long RssKb)?>? source) => _resources = source;

    private IEnumerable<Measurement<double>> Observe(Func<(string Executor, double CpuPercent, long RssKb), double> value)
    {
        if (_resources?.Invoke() is { } r) yield return new Measurement<double>(value(r), new KeyValuePair<string, object?>("executor", r.Executor));
    }

    public void Dispose() => _meter.Dispose();
}
