using System.Diagnostics.Metrics;
using Temporalio.Runtime;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The process's one Temporal runtime: Core's logs through ILogger (category <c>Temporalio.Core</c>), and, when
/// the app exports telemetry (an OTLP endpoint is set), the SDK's metrics through <see cref="TemporalMetricMeter"/>.
/// </summary>
public sealed class TemporalSdkTelemetry : IDisposable
{
    private readonly Meter? _meter;

    public TemporalSdkTelemetry(IConfiguration configuration, ILoggerFactory loggerFactory, IMeterFactory? meterFactory = null)
    {
        MetricsEnabled = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        MetricsOptions? metrics = null;
        if (MetricsEnabled)
        {
            _meter = meterFactory?.Create(TemporalMetricMeter.MeterName) ?? new Meter(TemporalMetricMeter.MeterName);
            metrics = new MetricsOptions
            {
                CustomMetricMeter = new TemporalMetricMeter(_meter),
                CustomMetricMeterOptions = new CustomMetricMeterOptions { HistogramDurationFormat = CustomMetricMeterOptions.DurationFormat.FloatSeconds },
            };
        }
        Runtime = new TemporalRuntime(new TemporalRuntimeOptions
        {
            Telemetry = new TelemetryOptions
            {
                Logging = new LoggingOptions
                {
                    Filter = new TelemetryFilterOptions(core: TelemetryFilterOptions.Level.Warn, other: TelemetryFilterOptions.Level.Error),
                    Forwarding = new LogForwardingOptions { Logger = loggerFactory.CreateLogger("Temporalio.Core") },
                },
                Metrics = metrics,
            },
        });
    }

    public TemporalRuntime Runtime { get; }
    public bool MetricsEnabled { get; }

    public void Dispose() => _meter?.Dispose();
}
