namespace BenchApp.AppHost.Infrastructure;

/// <summary>The way one piece of infrastructure will run, and why (logged at start and shown on the dashboard).</summary>
/// <param name="ExecutableVersion">The executable's version when the choice depended on it (the temporal CLI).</param>
public sealed record InfrastructureChoice(InfrastructureMode Mode, string Reason, string? ExecutablePath = null, string? ConnectionString = null, Version? ExecutableVersion = null)
{
    public bool IsAvailable => Mode != InfrastructureMode.None;
}
