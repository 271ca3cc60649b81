namespace BenchApp.AppHost.PythonExecutors;

/// <summary>Where an executor's virtualenv, its interpreter and its install stamp live.</summary>
public sealed record PythonEnvironmentLayout(string ExecutorsDirectory, string VenvDirectory, string VenvPython, string StampPath, string RequirementsPath)
{
    public const string StampFileName = ".benchapp-requirements.sha256";

    public static PythonEnvironmentLayout For(string executorsDirectory, PythonExecutorSpec spec, bool isWindows)
    {
        var venv = Path.Combine(executorsDirectory, ".venvs", spec.Name);
        var python = isWindows ? Path.Combine(venv, "Scripts", "python.exe") : Path.Combine(venv, "bin", "python");
        return new(executorsDirectory, venv, python, Path.Combine(venv, StampFileName), Path.Combine(executorsDirectory, spec.Requirements));
    }
}
