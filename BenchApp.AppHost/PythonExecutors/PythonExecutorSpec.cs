namespace BenchApp.AppHost.PythonExecutors;

/// <summary>
/// One Python executor: its resource name, the module that serves it (<c>python -m module</c>), the requirements
/// file its virtualenv needs (relative to python-executors/), and whether that venv sees the interpreter's own
/// packages (the baseline does, so Debian's fastapi/uvicorn/httpx/redis serve it offline).
/// </summary>
public sealed record PythonExecutorSpec(string Name, string Module, string Requirements, bool SystemSitePackages = false)
{
    public static readonly PythonExecutorSpec Baseline = new("python-baseline", "benchapp_baseline", "requirements/baseline.txt", SystemSitePackages: true);
    public static readonly PythonExecutorSpec LangGraph = new("python-langgraph", "benchapp_langgraph", "requirements/langgraph.txt");
    public static readonly PythonExecutorSpec Adk = new("python-adk", "benchapp_adk", "requirements/adk.txt");
    public static readonly PythonExecutorSpec CrewAi = new("python-crewai", "benchapp_crewai", "requirements/crewai.txt");

    public static IReadOnlyList<PythonExecutorSpec> All { get; } = [Baseline, LangGraph, Adk, CrewAi];

    /// <summary>The Dockerfile used when the AppHost is published (its CMD honours $PORT).</summary>
    public string Dockerfile => $"python-executors/docker/{Name}.Dockerfile";
}
