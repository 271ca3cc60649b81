namespace BenchApp.AppHost.Infrastructure;

/// <summary>What this machine offers for the infrastructure, read once at start.</summary>
/// <param name="TemporalMode">Forced mode from <c>Infrastructure:Temporal:Mode</c> (auto when unset).</param>
/// <param name="TemporalConnectionString">An external server from <c>ConnectionStrings:temporal</c> or <c>TEMPORAL_ADDRESS</c>.</param>
/// <param name="TemporalCliPath">The <c>temporal</c> CLI found on PATH.</param>
/// <param name="RedisMode">Forced mode from <c>Infrastructure:Redis:Mode</c> (auto when unset).</param>
/// <param name="RedisConnectionString">An external Redis from <c>ConnectionStrings:redis</c>.</param>
/// <param name="RedisServerPath">The <c>redis-server</c> binary found on PATH.</param>
/// <param name="DockerHealthy">Whether a Docker engine answers (probed lazily, only when a choice depends on it).</param>
/// <param name="PublishMode">Publishing a deployment manifest: infrastructure becomes containers whatever this machine has.</param>
/// <param name="TemporalCliVersion">The CLI's <c>temporal --version</c> (run lazily, bounded in time; null: unknown).</param>
/// <param name="TemporalPortsTaken">Ports configured for the dev server (Infrastructure:Temporal:Port/UiPort) that are already in use.</param>
public sealed record InfrastructureProbe(
    InfrastructureMode TemporalMode,
    string? TemporalConnectionString,
    string? TemporalCliPath,
    InfrastructureMode RedisMode,
    string? RedisConnectionString,
    string? RedisServerPath,
    Func<bool> DockerHealthy,
    bool PublishMode = false,
    Func<Version?>? TemporalCliVersion = null,
    IReadOnlyList<int>? TemporalPortsTaken = null);

/// <summary>How a piece of infrastructure is provided; <see cref="Auto"/> lets <see cref="InfrastructurePlanner"/> choose.</summary>
public enum InfrastructureMode
{
    Auto,
    External,
    Executable,
    Container,
    None,
}
