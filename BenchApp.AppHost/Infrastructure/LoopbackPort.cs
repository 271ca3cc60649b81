using System.Net;
using System.Net.Sockets;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>A free loopback port, for servers whose port must be on their command line.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
