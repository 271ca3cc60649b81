namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// Decides once, at start, how Temporal and Redis are provided. An explicit address wins (the user asked
/// for it); then a local binary or a container, in the order that works on a machine without Docker.
/// </summary>
public static class InfrastructurePlanner
{
    public const string TemporalHowTo =
        "Install the Temporal CLI (https://docs.temporal.io/cli) so 'temporal' is on PATH, run a Docker engine, " +
        "or point at a server with ConnectionStrings__temporal=host:7233 (or TEMPORAL_ADDRESS).";

    public const string RedisHowTo =
        "Install redis-server (e.g. apt-get install redis-server), run a Docker engine, " +
        "or point at a server with ConnectionStrings__redis=host:6379.";

    /// <summary>Temporal: external address, else the CLI dev server, else the container, else unavailable.</summary>
    public static InfrastructureChoice ChooseTemporal(InfrastructureProbe probe) => probe.TemporalMode switch
    {
        InfrastructureMode.None => new(InfrastructureMode.None, "Temporal is turned off (Infrastructure:Temporal:Mode=none)."),
        InfrastructureMode.External => External(probe.TemporalConnectionString, "Temporal", "ConnectionStrings__temporal or TEMPORAL_ADDRESS"),
        InfrastructureMode.Executable => probe.TemporalCliPath is { } cli
            ? Cli(probe, cli, ", as configured") ?? TooOld(probe)
            : new(InfrastructureMode.None, "Infrastructure:Temporal:Mode=executable, but the 'temporal' CLI is not on PATH. " + TemporalHowTo),
        InfrastructureMode.Container => probe.DockerHealthy()
            ? new(InfrastructureMode.Container, "the temporalio/temporal container, as configured")
            : new(InfrastructureMode.None, "Infrastructure:Temporal:Mode=container, but no Docker engine answers. " + TemporalHowTo),
        _ => AutoTemporal(probe),
    };

    /// <summary>Redis: external address, else the container, else redis-server on PATH, else unavailable.</summary>
    public static InfrastructureChoice ChooseRedis(InfrastructureProbe probe) => probe.RedisMode switch
    {
        InfrastructureMode.None => new(InfrastructureMode.None, "Redis is turned off (Infrastructure:Redis:Mode=none)."),
        InfrastructureMode.External => External(probe.RedisConnectionString, "Redis", "ConnectionStrings__redis"),
        InfrastructureMode.Executable => probe.RedisServerPath is { } path
            ? new(InfrastructureMode.Executable, $"redis-server ({path}), as configured", path)
            : new(InfrastructureMode.None, "Infrastructure:Redis:Mode=executable, but 'redis-server' is not on PATH. " + RedisHowTo),
        InfrastructureMode.Container => probe.DockerHealthy()
            ? new(InfrastructureMode.Container, "the redis container, as configured")
            : new(InfrastructureMode.None, "Infrastructure:Redis:Mode=container, but no Docker engine answers. " + RedisHowTo),
        _ => AutoRedis(probe),
    };

    private static InfrastructureChoice AutoTemporal(InfrastructureProbe probe)
    {
        if (!string.IsNullOrWhiteSpace(probe.TemporalConnectionString))
            return new(InfrastructureMode.External, $"the external server at {probe.TemporalConnectionString}", ConnectionString: probe.TemporalConnectionString);
        if (probe.PublishMode)
            return new(InfrastructureMode.Container, "the temporalio/temporal container (publish mode)");
        if (probe.TemporalCliPath is { } cli && Cli(probe, cli, "") is { } dev)
            return dev;
        if (probe.DockerHealthy())
            return new(InfrastructureMode.Container, probe.TemporalCliPath is null
                ? "the temporalio/temporal container (Docker answers; no 'temporal' CLI on PATH)"
                : $"the temporalio/temporal container (Docker answers; {TooOld(probe).Reason})");
        if (probe.TemporalCliPath is not null)
            return TooOld(probe);
        return new(InfrastructureMode.None,
            "Temporal is unavailable: no 'temporal' CLI on PATH, no Docker engine, no ConnectionStrings__temporal. " + TemporalHowTo);
    }

    /// <summary>The CLI dev server, or null when the CLI is too old (see <see cref="TooOld"/>) or its configured port is taken.</summary>
    private static InfrastructureChoice? Cli(InfrastructureProbe probe, string cli, string how)
    {
        if (probe.TemporalPortsTaken is { Count: > 0 } taken)
            return new(InfrastructureMode.None,
                $"Temporal is unavailable: port {string.Join(" and ", taken)} (Infrastructure:Temporal:Port/UiPort) is already in use, perhaps by a dev server of " +
                $"your own: use it with ConnectionStrings__temporal=127.0.0.1:{taken[0]}, or unset the port to get a free one.");
        var version = probe.TemporalCliVersion?.Invoke();
        if (version is not null && TemporalCliVersion.IsTooOld(version)) return null;
        var known = version is null ? "version unknown" : $"version {version}";
        return new(InfrastructureMode.Executable, $"the Temporal CLI dev server ({cli}, {known}){how}", cli, ExecutableVersion: version);
    }

    private static InfrastructureChoice TooOld(InfrastructureProbe probe) => new(InfrastructureMode.None,
        $"unavailable: temporal CLI {probe.TemporalCliVersion?.Invoke()} is older than {TemporalCliVersion.Minimum} " +
        "(its server has no update-with-start, which every new session uses). " + TemporalHowTo);

    private static InfrastructureChoice AutoRedis(InfrastructureProbe probe)
    {
        if (!string.IsNullOrWhiteSpace(probe.RedisConnectionString))
            return new(InfrastructureMode.External, $"the external Redis at {RedactPassword(probe.RedisConnectionString)}", ConnectionString: probe.RedisConnectionString);
        if (probe.PublishMode)
            return new(InfrastructureMode.Container, "the redis container (publish mode)");
        if (probe.DockerHealthy())
            return new(InfrastructureMode.Container, "the redis container (Docker answers)");
        if (probe.RedisServerPath is { } path)
            return new(InfrastructureMode.Executable, $"redis-server ({path}); no Docker engine answers", path);
        return new(InfrastructureMode.None,
            "Redis is unavailable: no Docker engine, no 'redis-server' on PATH, no ConnectionStrings__redis. " + RedisHowTo);
    }

    private static InfrastructureChoice External(string? connectionString, string what, string setting) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? new(InfrastructureMode.None, $"{what} mode is 'external', but {setting} is not set.")
            : new(InfrastructureMode.External, $"the external {what} at {RedactPassword(connectionString)}", ConnectionString: connectionString);

    /// <summary>Connection strings may carry a password; logs and the dashboard must not.</summary>
    public static string RedactPassword(string connectionString) =>
        string.Join(',', connectionString.Split(',').Select(part =>
            part.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : part));
}
