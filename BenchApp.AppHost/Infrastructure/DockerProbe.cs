using System.Diagnostics;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// Whether a Docker engine answers. A docker client alone is not enough: with no engine, a container resource
/// never starts and DCP reports the runtime unhealthy, so containers are chosen only when this says yes.
/// </summary>
public static class DockerProbe
{
    public static bool IsEngineHealthy() => IsEngineHealthy(TimeSpan.FromSeconds(5));

    public static bool IsEngineHealthy(TimeSpan timeout)
    {
        var docker = PathSearch.Find("docker");
        if (docker is null) return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(docker, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && process.StandardOutput.ReadToEnd().Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
