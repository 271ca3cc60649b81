using System.Net;
using System.Net.Sockets;

namespace BenchApp.TestSupport;

/// <summary>A loopback TCP port that was free a moment ago (for servers that cannot bind port 0).</summary>
public static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
