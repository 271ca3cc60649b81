using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Api;

/// <summary>/v1/info from facts of this process, not from configuration that could say otherwise.</summary>
public static class ExecutorInfoFactory
{
    public static ExecutorInfo Create(string executor, string framework, string frameworkVersion, bool durable, string stateStore) => new()
    {
        Executor = executor,
        Language = "csharp",
        RuntimeVersion = Environment.Version.ToString(),
        Framework = framework,
        FrameworkVersion = frameworkVersion,
        Durable = durable,
        StateStore = stateStore,
        Pid = Environment.ProcessId,
        // From the compiled assembly (DebuggableAttribute), not from configuration text that could say otherwise.
        Build = BuildFlavor.Current,
    };

    /// <summary>The informational version of the assembly that defines <paramref name="type"/>, without a +commit suffix.</summary>
    public static string VersionOf(Type type)
    {
        var info = type.Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        var version = info ?? type.Assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
