using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>
/// An executor process the driver started itself (crash-recovery): the configured command with <c>{port}</c>
/// filled in, the driver's environment plus the configured one, its last output lines kept for diagnostics.
/// Disposing kills whatever is left of it, so the driver never leaves a process behind.
/// </summary>
public sealed class LaunchedExecutor : IAsyncDisposable
{
    private const int TailLines = 30;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private LaunchedExecutor(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public int Pid => _process.Id;
    public string CommandLine { get; }
    public bool HasExited => _process.HasExited;
    public string Tail => string.Join(Environment.NewLine, _tail);

    /// <summary>Debug or Release: the driver's own build, so <c>{configuration}</c> finds executors built alongside it.</summary>
    public static string BuildConfiguration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>A relative path (it has a '/') is relative to the repository root; a bare name is looked up on PATH.</summary>
    public static string ResolveCommand(ExecutorLaunchConfig launch, string repoRoot)
    {
        if (!launch.Command.Contains('/') || Path.IsPathRooted(launch.Command)) return launch.Command;
        var path = Path.GetFullPath(Path.Combine(repoRoot, launch.Command));
        return File.Exists(path) || launch.FallbackCommand is null ? path : launch.FallbackCommand;
    }

    public static LaunchedExecutor Start(ExecutorLaunchConfig launch, int port, string repoRoot, IReadOnlyDictionary<string, string> environment)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        string Fill(string s) => s.Replace("{port}", portText, StringComparison.Ordinal)
            .Replace("{configuration}", BuildConfiguration, StringComparison.Ordinal);
        var info = new ProcessStartInfo(ResolveCommand(launch, repoRoot))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetFullPath(launch.WorkingDirectory ?? ".", repoRoot),
        };
        foreach (var arg in launch.Args) info.ArgumentList.Add(Fill(arg));
        foreach (var (key, value) in environment) info.Environment[key] = value;
        foreach (var (key, value) in launch.Environment)
            if (value.Length == 0) info.Environment.Remove(key);
            else info.Environment[key] = Fill(value);

        var process = new Process { StartInfo = info };
        var commandLine = $"{info.FileName} {string.Join(' ', info.ArgumentList)} (cwd {info.WorkingDirectory})";
        var launched = new LaunchedExecutor(process, commandLine);
        process.OutputDataReceived += (_, e) => launched.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => launched.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return launched;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > TailLines) _tail.TryDequeue(out _);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try { await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false); }
        catch (TimeoutException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
