using BenchApp.AppHost.Infrastructure;

namespace BenchApp.AppHost.NodeExecutors;

/// <summary>Whether this machine can run a Node executor: <c>node</c> and <c>npm</c> on PATH.</summary>
public static class NodeToolchain
{
    public static string? MissingReason(string? path = null) =>
        PathSearch.Find(Executable("node"), path) is null ? "node is not on PATH (Node.js 20 or newer runs the Node executors)."
        : PathSearch.Find(Executable("npm"), path) is null ? "npm is not on PATH (it installs the Node executors' packages from their lockfiles)."
        : null;

    public static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".cmd" : name;
}
