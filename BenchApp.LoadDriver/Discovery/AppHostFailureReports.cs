using System.Text.Json;

namespace BenchApp.LoadDriver.Discovery;

/// <summary>
/// Failures the AppHost saw while starting an executor (a failed pip install, a process that exited), written as
/// <c>{BENCH_EXECUTOR_STATUS_DIR}/{executor}.json</c>. Reading them lets the driver report such an executor
/// unavailable at once, with the AppHost's reason, instead of waiting out its health timeout.
/// </summary>
public static class AppHostFailureReports
{
    public const string DirectoryVariable = "BENCH_EXECUTOR_STATUS_DIR";

    public static string? ReasonFor(string executor, string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory)) return null;
        var path = Path.Combine(directory, executor + ".json");
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("reason", out var reason) && reason.GetString() is { Length: > 0 } text
                ? $"the AppHost reports: {text}"
                : "the AppHost reports that it failed to start";
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // Half-written or removed meanwhile: look again at the next poll.
            return null;
        }
    }
}
