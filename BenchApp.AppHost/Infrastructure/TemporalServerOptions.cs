namespace BenchApp.AppHost.Infrastructure;

/// <summary>Settings of the Temporal dev server the AppHost starts (section <c>Infrastructure:Temporal</c>).</summary>
public sealed class TemporalServerOptions
{
    public string Ip { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 7233;
    public int UiPort { get; set; } = 8233;
    public bool Headless { get; set; }
    public string Namespace { get; set; } = "default";
    public string LogLevel { get; set; } = "warn";
    public string ContainerImage { get; set; } = "temporalio/temporal";
    public string ContainerTag { get; set; } = "latest";
}
