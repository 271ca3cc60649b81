namespace BenchApp.AppHost.Infrastructure;

/// <summary>Settings of the Temporal dev server the AppHost starts (section <c>Infrastructure:Temporal</c>).</summary>
public sealed class TemporalServerOptions
{
    public string Ip { get; set; } = "127.0.0.1";

    /// <summary>The frontend's port; unset: a free one (a dev server of the user's own often holds 7233).</summary>
    public int? Port { get; set; }

    /// <summary>The web UI's port; unset: a free one.</summary>
    public int? UiPort { get; set; }

    public bool Headless { get; set; }
    public string Namespace { get; set; } = "default";
    public string LogLevel { get; set; } = "warn";
    public string ContainerImage { get; set; } = "temporalio/temporal";

    /// <summary>Pinned, so a run is reproducible: the CLI release the code was checked against (it bundles server 1.31.2).</summary>
    public string ContainerTag { get; set; } = TemporalCliVersion.Pinned;
}
