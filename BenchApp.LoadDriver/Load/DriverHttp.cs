using System.Net;

namespace BenchApp.LoadDriver.Load;

/// <summary>
/// The HTTP client the driver measures with: raw (no retry or resilience handler), no proxy, no cookies,
/// no decompression, and a connection pool large enough that concurrency never waits for a connection.
/// </summary>
public static class DriverHttp
{
    public static HttpClient CreateMeasuringClient(int maxConcurrency) => new(CreateHandler(maxConcurrency), disposeHandler: true)
    {
        // Each request has its own deadline (so a timeout can be told apart from Ctrl+C).
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>For probes and admin calls, apart from the measuring pool.</summary>
    public static HttpClient CreateControlClient() => new(CreateHandler(16), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

    private static SocketsHttpHandler CreateHandler(int maxConcurrency) => new()
    {
        MaxConnectionsPerServer = Math.Max(16, maxConcurrency * 2),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
