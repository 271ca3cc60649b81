namespace BenchApp.AppHost.PythonExecutors;

/// <summary>The Python that creates the executors' virtualenvs, and why it was chosen (logged at startup).</summary>
public sealed record PythonInterpreter(string Path, string Source)
{
    public const string ConfigKey = "Python:Interpreter";
    public const string EnvironmentVariable = "BENCHAPP_PYTHON";
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>
    /// Configured path (<c>Python:Interpreter</c> or <c>BENCHAPP_PYTHON</c>), else Debian's /usr/bin/python3 when
    /// present (on the build machines the python3 on PATH is another build without Debian's packages), else
    /// python3 (python on Windows) from PATH.
    /// </summary>
    public static PythonInterpreter Find(string? configured, Func<string, bool> fileExists, bool isWindows)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return new(configured.Trim(), $"configured ({ConfigKey} / {EnvironmentVariable})");
        if (!isWindows && fileExists(DebianPython))
            return new(DebianPython, "the system's python3 (its packages serve python-baseline offline)");
        return new(isWindows ? "python" : "python3", "from PATH");
    }
}
