namespace BenchApp.AppHost.Infrastructure;

/// <summary><c>redis-server</c> run as an executable, for machines without Docker. Connection string: host:port.</summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string Endpoint = "tcp";

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new EndpointReference(this, Endpoint).Property(EndpointProperty.HostAndPort)}");
}

/// <summary>Arguments of the benchmark's redis-server: loopback only, nothing written to disk.</summary>
public static class RedisServerArguments
{
    public static IReadOnlyList<string> Build(int port) =>
    [
        "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
    ];
}
