using System.Diagnostics;
using System.Reflection;

namespace BenchApp.Contracts.Runs;

/// <summary>
/// Whether a .NET process runs optimized code, read from what the compiler put in the assembly rather than from
/// configuration text: a Debug build carries <see cref="DebuggableAttribute"/> with the JIT optimizer disabled.
/// </summary>
public static class BuildFlavor
{
    public const string Release = "release";
    public const string Debug = "debug";

    /// <summary>The flavor of the process's entry assembly (the program that runs).</summary>
    public static string Current { get; } = Of(Assembly.GetEntryAssembly() ?? typeof(BuildFlavor).Assembly);

    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true } ? Debug : Release;
}
