namespace BenchApp.AppHost.Infrastructure;

/// <summary>The Temporal dev server run from the <c>temporal</c> CLI. Its connection string is host:port of the gRPC frontend.</summary>
public sealed class TemporalCliResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string ServerEndpoint = "server";
    public const string UiEndpoint = "ui";

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new EndpointReference(this, ServerEndpoint).Property(EndpointProperty.HostAndPort)}");
}

/// <summary>The same dev server from the temporalio/temporal image, used when Docker answers and the CLI is absent.</summary>
public sealed class TemporalContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{new EndpointReference(this, TemporalCliResource.ServerEndpoint).Property(EndpointProperty.HostAndPort)}");
}
