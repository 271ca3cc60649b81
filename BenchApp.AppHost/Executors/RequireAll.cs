namespace BenchApp.AppHost.Executors;

/// <summary>
/// <c>BenchApp:RequireAll</c> (run-benchmarks.sh --require-all): an executor the model already knows cannot run
/// (no Temporal server, no Node, no Redis) stops the AppHost before it starts anything, with the list and exit
/// code 3. Executors that fail later (a pip install without a package index) are the load driver's to report:
/// it gets <c>--require-all</c> too and exits 3 the same way.
/// </summary>
public static class RequireAll
{
    /// <summary>The load driver's <c>ExitCodes.Unavailable</c>: a required executor is unavailable.</summary>
    public const int ExitCode = 3;

    /// <summary>True (and <see cref="Environment.ExitCode"/> set) when the run must not start; the reasons go to <paramref name="error"/>.</summary>
    public static bool Refuses(BenchAppSettings settings, ExecutorSet executors, TextWriter error)
    {
        if (!settings.RequireAll || executors.Unavailable.Count == 0) return false;
        error.WriteLine($"BenchApp:RequireAll: {executors.Unavailable.Count} executor(s) cannot run here; nothing was started:");
        foreach (var (name, reason) in executors.Unavailable) error.WriteLine($"  {name}: {reason}");
        error.WriteLine("Without --require-all (BenchApp:RequireAll) the run measures the others and lists these unavailable.");
        Environment.ExitCode = ExitCode;
        return true;
    }
}
