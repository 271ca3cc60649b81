namespace Microsoft.Extensions.Hosting;

/// <summary>Names shared by BenchApp's own meters and activity sources, so service defaults export them all.</summary>
public static class BenchTelemetry
{
    /// <summary>Every BenchApp meter and activity source is named <c>BenchApp.*</c>.</summary>
    public const string MeterPrefix = "BenchApp.";
}
