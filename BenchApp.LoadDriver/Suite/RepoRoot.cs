namespace BenchApp.LoadDriver.Suite;

/// <summary>The repository root (where BenchApp.sln is), found from the working directory or the driver's folder.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BenchApp.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
