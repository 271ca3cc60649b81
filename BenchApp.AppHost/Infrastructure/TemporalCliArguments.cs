using System.Globalization;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>The arguments of <c>temporal server start-dev</c>: in-memory SQLite, the chosen ports, one namespace, what the executor needs on.</summary>
public static class TemporalCliArguments
{
    /// <param name="port">The frontend port (free or configured).</param>
    /// <param name="uiPort">The UI port; unused when headless.</param>
    /// <param name="cliVersion">The CLI's version when known: it decides which dynamic-config keys its server reads.</param>
    public static IReadOnlyList<string> Build(TemporalServerOptions options, int port, int uiPort, Version? cliVersion, bool inContainer = false)
    {
        var args = new List<string>
        {
            "server", "start-dev",
            // In a container the server must listen on every interface for the port mapping to reach it.
            "--ip", inContainer ? "0.0.0.0" : options.Ip,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--log-level", options.LogLevel,
        };
        if (options.Headless) args.Add("--headless");
        else args.AddRange(["--ui-port", uiPort.ToString(CultureInfo.InvariantCulture)]);
        // start-dev always creates "default"; other namespaces must be asked for.
        if (options.Namespace != "default") args.AddRange(["--namespace", options.Namespace]);
        foreach (var value in DynamicConfig(cliVersion)) args.AddRange(["--dynamic-config-value", value]);
        return args;
    }

    /// <summary>
    /// Set explicitly whatever the server's default (temporal common/dynamicconfig/constants.go): Workflow Updates and
    /// update-with-start, which every turn uses, and eager activity dispatch (default false in every server up to
    /// 1.31.2), which a Temporal user tuning latency turns on: the worker already asks for it.
    /// </summary>
    public static IReadOnlyList<string> DynamicConfig(Version? cliVersion)
    {
        var values = new List<string> { "frontend.enableUpdateWorkflowExecution=true" };
        if (TemporalCliVersion.ReadsMultiOperationKey(cliVersion)) values.Add("frontend.enableExecuteMultiOperation=true");
        values.Add("system.enableActivityEagerExecution=true");
        return values;
    }
}
