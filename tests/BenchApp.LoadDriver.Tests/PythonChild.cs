using BenchApp.LoadDriver.Measurement;
using BenchApp.TestSupport;

namespace BenchApp.LoadDriver.Tests;

/// <summary>A Python child process whose CPU and memory use a test scripts: started, and returned once it prints 'ready'.</summary>
internal static class PythonChild
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Skips the test (with the reason) where /proc or Debian's python3 is missing.</summary>
    public static async Task<ChildProcess> StartAsync(string code)
    {
        if (!ProcFs.IsAvailable) Assert.Skip("/proc is not available: the driver's process sampling is Linux-only.");
        if (!File.Exists(Python)) Assert.Skip($"{Python} is missing: install python3 (Debian) to run the process sampling tests.");
        var child = ChildProcess.Start(Python, ["-c", code]);
        await child.WaitForLineAsync("^ready$", TimeSpan.FromSeconds(30));
        return child;
    }
}
