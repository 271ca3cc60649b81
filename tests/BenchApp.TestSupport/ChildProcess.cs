using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BenchApp.TestSupport;

/// <summary>
/// A real child process for a test: output captured line by line, waited on for a line that says it is
/// ready, and killed with its children on dispose so no test leaves a process behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly Lock _gate = new();

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit and returns its code; throws with the output when it does not in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds:0}s. Output:{Environment.NewLine}{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; fails with the output when the process exits or time runs out.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _output)
                if (regex.Match(line) is { Success: true } m) return m;
            _waiters.Add((regex, found));
        }

        using var cts = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(cts.Token);
        var winner = await Task.WhenAny(found.Task, exited, Task.Delay(Timeout.Infinite, cts.Token)).ConfigureAwait(false);
        if (winner == found.Task) return await found.Task.ConfigureAwait(false);

        var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"printed no line matching /{pattern}/ within {timeout.TotalSeconds:0}s";
        throw new InvalidOperationException($"{_process.StartInfo.FileName} {why}. Output:{Environment.NewLine}{Output}");
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _output.Enqueue(line);
            foreach (var (pattern, found) in _waiters)
                if (pattern.Match(line) is { Success: true } m) found.TrySetResult(m);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
