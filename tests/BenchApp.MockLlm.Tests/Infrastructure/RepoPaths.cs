using System.Reflection;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>Where the repository and the built mock LLM are, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string? Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "contracts")))
                return dir.FullName;
        return null;
    }

    /// <summary>The configuration these tests were built in (Debug/Release): the mock is built in the same one.</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string? MockLlmDll()
    {
        var root = Root();
        if (root is null) return null;
        var dll = Path.Combine(root, "BenchApp.MockLlm", "bin", Configuration, "net10.0", "BenchApp.MockLlm.dll");
        return File.Exists(dll) ? dll : null;
    }
}
