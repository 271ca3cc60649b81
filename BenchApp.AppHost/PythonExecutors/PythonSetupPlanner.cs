namespace BenchApp.AppHost.PythonExecutors;

/// <summary>A command line of a setup step.</summary>
public sealed record CommandLine(string Command, IReadOnlyList<string> Args)
{
    public override string ToString() => string.Join(' ', [Command, .. Args]);
}

/// <summary>What exists on disk before the app starts.</summary>
public sealed record PythonSetupState(bool VenvExists, string RequirementsHash, string? Stamp)
{
    /// <summary>A missing requirements file gives an empty hash: the install step then runs and says what is missing.</summary>
    public static PythonSetupState Read(PythonEnvironmentLayout layout) => new(
        File.Exists(layout.VenvPython),
        File.Exists(layout.RequirementsPath) ? PythonExecutors.RequirementsHash.Compute(layout.RequirementsPath) : "",
        File.Exists(layout.StampPath) ? File.ReadAllText(layout.StampPath).Trim() : null);
}

/// <summary>The two steps before an executor starts: make the venv, install its requirements; each may be a no-op.</summary>
public sealed record PythonSetupPlan(CommandLine Venv, CommandLine Install, bool VenvUpToDate, bool RequirementsUpToDate)
{
    public string Describe() =>
        (VenvUpToDate ? "venv exists" : "venv will be created") + "; " +
        (RequirementsUpToDate ? "requirements up to date (stamp matches)" : "requirements will be checked and installed");
}

/// <summary>
/// Decides the setup steps from the state on disk; pure, so it is unit-testable without a Python.
/// The install step runs tools/ensure_requirements.py, which installs only what is missing (Debian's fastapi
/// declares a starlette range its own starlette does not meet, so a plain <c>pip install -r</c> would go to the
/// network even when everything is there) and writes the stamp when it succeeds.
/// </summary>
public static class PythonSetupPlanner
{
    public const string EnsureRequirementsScript = "tools/ensure_requirements.py";

    public static PythonSetupPlan Plan(PythonEnvironmentLayout layout, PythonSetupState state, PythonInterpreter interpreter, bool systemSitePackages)
    {
        var venvUpToDate = state.VenvExists;
        var venv = venvUpToDate
            ? new CommandLine(layout.VenvPython, ["--version"])
            : new CommandLine(interpreter.Path, ["-m", "venv", .. (systemSitePackages ? new[] { "--system-site-packages" } : []), layout.VenvDirectory]);

        var requirementsUpToDate = venvUpToDate && state.RequirementsHash.Length > 0
            && string.Equals(state.Stamp, state.RequirementsHash, StringComparison.Ordinal);
        var install = requirementsUpToDate
            ? new CommandLine(layout.VenvPython, ["-c", "print('requirements up to date: the stamp matches their hash')"])
            : new CommandLine(layout.VenvPython, [EnsureRequirementsScript, layout.RequirementsPath, "--stamp", layout.StampPath, "--hash", state.RequirementsHash]);
        return new(venv, install, venvUpToDate, requirementsUpToDate);
    }
}
