using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Cli;

/// <summary>Which config file a command reads: the flag, else benchmark-config.yaml at the repository root, else the defaults.</summary>
public static class ConfigFiles
{
    public static (BenchmarkConfig Config, string? Path) Load(string? flag)
    {
        if (flag is not null) return (ConfigLoader.LoadFile(flag), Path.GetFullPath(flag));
        var path = Path.Combine(RepoRoot.Find(), ConfigLoader.DefaultFileName);
        return File.Exists(path) ? (ConfigLoader.LoadFile(path), path) : (new BenchmarkConfig(), null);
    }
}
