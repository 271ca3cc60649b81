using Microsoft.Extensions.Configuration;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>Reads <see cref="InfrastructureProbe"/> from configuration, PATH and (only if needed) Docker.</summary>
public static class InfrastructureProbeReader
{
    /// <param name="searchPath">PATH to search (tests); default: the process's.</param>
    /// <param name="versionTimeout">Bound of <c>temporal --version</c>; default 5 s.</param>
    public static InfrastructureProbe Read(IConfiguration configuration, Func<bool>? dockerHealthy = null, bool publishMode = false,
        string? searchPath = null, TimeSpan? versionTimeout = null)
    {
        var docker = new Lazy<bool>(dockerHealthy ?? DockerProbe.IsEngineHealthy);
        var cli = PathSearch.Find("temporal", searchPath);
        var cliVersion = new Lazy<Version?>(() => cli is null ? null : TemporalCliVersion.Probe(cli, versionTimeout ?? TimeSpan.FromSeconds(5)));
        var server = configuration.GetSection("Infrastructure:Temporal").Get<TemporalServerOptions>() ?? new();
        return new InfrastructureProbe(
            TemporalMode: ReadMode(configuration, "Infrastructure:Temporal:Mode"),
            TemporalConnectionString: NonEmpty(configuration.GetConnectionString("temporal")) ?? NonEmpty(configuration["TEMPORAL_ADDRESS"]),
            TemporalCliPath: cli,
            RedisMode: ReadMode(configuration, "Infrastructure:Redis:Mode"),
            RedisConnectionString: NonEmpty(configuration.GetConnectionString("redis")),
            RedisServerPath: PathSearch.Find("redis-server", searchPath),
            DockerHealthy: () => docker.Value,
            PublishMode: publishMode,
            TemporalCliVersion: () => cliVersion.Value,
            TemporalPortsTaken: new[] { server.Port, server.UiPort }.OfType<int>().Where(p => !LoopbackPort.IsFree(p, server.Ip)).ToArray());
    }

    /// <summary>auto | external | executable | container | none; anything else stops the AppHost naming the key.</summary>
    public static InfrastructureMode ReadMode(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return InfrastructureMode.Auto;
        return Enum.TryParse<InfrastructureMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _)
            ? mode
            : throw new InvalidOperationException($"{key} is '{value}'; expected one of auto, external, executable, container, none.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
