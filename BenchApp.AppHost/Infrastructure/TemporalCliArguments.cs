namespace BenchApp.AppHost.Infrastructure;

/// <summary>The arguments of <c>temporal server start-dev</c>: in-memory SQLite, fixed ports, one namespace.</summary>
public static class TemporalCliArguments
{
    public static IReadOnlyList<string> Build(TemporalServerOptions options, bool inContainer = false)
    {
        var args = new List<string>
        {
            "server", "start-dev",
            // In a container the server must listen on every interface for the port mapping to reach it.
            "--ip", inContainer ? "0.0.0.0" : options.Ip,
            "--port", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--ui-port", options.UiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--log-level", options.LogLevel,
        };
        if (options.Headless) args.Add("--headless");
        // start-dev always creates "default"; other namespaces must be asked for.
        if (options.Namespace != "default") args.AddRange(["--namespace", options.Namespace]);
        return args;
    }
}
