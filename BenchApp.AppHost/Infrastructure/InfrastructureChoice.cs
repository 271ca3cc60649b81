namespace BenchApp.AppHost.Infrastructure;

/// <summary>The way one piece of infrastructure will run, and why (logged at start and shown on the dashboard).</summary>
public sealed record InfrastructureChoice(InfrastructureMode Mode, string Reason, string? ExecutablePath = null, string? ConnectionString = null)
{
    public bool IsAvailable => Mode != InfrastructureMode.None;
}
