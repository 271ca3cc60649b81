using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Results;

/// <summary>Gathers <see cref="RunMetadata"/> from git, /proc and the runtime.</summary>
public static class RunMetadataCollector
{
    public static RunMetadata Collect(BenchmarkConfig config, string? configFile, bool quick, string repoRoot) => new()
    {
        StartedAt = DateTimeOffset.UtcNow,
        Git = Git(repoRoot),
        Machine = Machine(),
        Runtimes = new Dictionary<string, string>
        {
            ["driver_dotnet"] = RuntimeInformation.FrameworkDescription,
            ["driver_gc"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        },
        CommandLine = string.Join(' ', Environment.GetCommandLineArgs().Select(Quote)),
        Seed = config.Seed,
        Quick = quick,
        Config = config,
        ConfigFile = configFile,
    };

    public static GitInfo Git(string repoRoot)
    {
        var sha = RunGit(repoRoot, "rev-parse HEAD");
        if (sha.Error is not null) return new GitInfo(null, null, sha.Error);
        var status = RunGit(repoRoot, "status --porcelain --untracked-files=no");
        return new GitInfo(sha.Output.Trim(), status.Error is null ? status.Output.Trim().Length > 0 : null, status.Error);
    }

    private static (string Output, string? Error) RunGit(string directory, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", $"-C \"{directory}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 ? (output, null) : ("", $"git {arguments}: {error.Trim()}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return ("", $"git not available: {e.Message}");
        }
    }

    public static MachineInfo Machine() => new()
    {
        Hostname = Environment.MachineName,
        CpuModel = ReadField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores = Environment.ProcessorCount,
        MemoryMb = long.TryParse(ReadField("/proc/meminfo", "MemTotal", ':')?.Split(' ')[0], out var kb) ? kb / 1024 : 0,
        Os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        Kernel = ReadText("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        Architecture = RuntimeInformation.OSArchitecture.ToString(),
    };

    private static string? ReadField(string path, string key, char separator)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var at = line.IndexOf(separator);
                if (at > 0 && line[..at].Trim() == key) return line[(at + 1)..].Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    private static string? ReadText(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string Quote(string arg) => arg.Contains(' ') ? $"\"{arg}\"" : arg;
}
