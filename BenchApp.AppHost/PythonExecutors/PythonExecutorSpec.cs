using BenchApp.Contracts.Executors;

namespace BenchApp.AppHost.PythonExecutors;

/// <summary>
/// One Python executor: its resource name, the module that serves it (<c>python -m module</c>), the requirements
/// file its virtualenv needs (relative to python-executors/), and whether that venv sees the interpreter's own
/// packages (the baseline does, so Debian's fastapi/uvicorn/httpx/redis serve it offline). From the catalogue.
/// </summary>
public sealed record PythonExecutorSpec(string Name, string Module, string Requirements, bool SystemSitePackages = false)
{
    public static IReadOnlyList<PythonExecutorSpec> All { get; } =
        [.. ExecutorCatalog.All.Where(e => e.Start.Kind == ExecutorCatalog.Python).Select(From)];

    public static PythonExecutorSpec Named(string name) => All.Single(s => s.Name == name);

    public static PythonExecutorSpec From(ExecutorEntry entry) =>
        new(entry.Name, entry.Start.Module!, entry.Start.Requirements!, entry.Start.SystemSitePackages);

    /// <summary>The Dockerfile used when the AppHost is published (its CMD honours $PORT).</summary>
    public string Dockerfile => $"python-executors/docker/{Name}.Dockerfile";
}
