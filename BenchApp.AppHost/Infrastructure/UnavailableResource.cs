namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// A dashboard row for something that cannot run on this machine, so the reason is on screen instead of the
/// resource silently missing. It starts nothing.
/// </summary>
public sealed class UnavailableResource(string name, string reason) : Resource(name)
{
    public string Reason { get; } = reason;
}
