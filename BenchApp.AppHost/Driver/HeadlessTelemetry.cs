namespace BenchApp.AppHost.Driver;

/// <summary>
/// Headless runs have no dashboard to receive telemetry. Without this, every process would keep exporting
/// OTLP to an address nobody listens on, and that retry traffic would sit inside the measurement.
/// </summary>
public static class HeadlessTelemetry
{
    public static void RemoveOtlpExport(this IDistributedApplicationBuilder builder)
    {
        foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>())
            resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                foreach (var key in context.EnvironmentVariables.Keys.Where(k => k.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal)).ToList())
                    context.EnvironmentVariables.Remove(key);
            }));
    }
}
