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

    /// <summary>Whether nothing listens on <paramref name="port"/> at <paramref name="ip"/> (a bind succeeds).</summary>
    public static bool IsFree(int port, string ip = "127.0.0.1")
    {
        try
        {
            using var listener = new TcpListener(IPAddress.TryParse(ip, out var address) ? address : IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
