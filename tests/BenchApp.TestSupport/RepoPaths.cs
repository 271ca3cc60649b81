namespace BenchApp.TestSupport;

/// <summary>Where things are in the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests were built in, so child processes match.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built dll of a project of the solution, e.g. <c>BuiltDll("BenchApp.MockLlm")</c>.</summary>
    public static string BuiltDll(string project) =>
        Combine(project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BenchApp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"BenchApp.sln not found above {AppContext.BaseDirectory}.");
    }
}
