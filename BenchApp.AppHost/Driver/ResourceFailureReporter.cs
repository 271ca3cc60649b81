using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BenchApp.AppHost.Driver;

/// <summary>
/// Tells the load driver which executors failed to start, so it reports them unavailable at once instead of
/// waiting out its health timeout. Watches resource states and writes <c>{dir}/{executor}.json</c>
/// (<c>{"executor","state","exit_code","reason"}</c>) when an executor, or a setup step of it
/// (<c>{executor}-venv</c>, <c>{executor}-install</c>), ends in failure.
/// </summary>
public static class ResourceFailureReporter
{
    public const string DirectoryVariable = "BENCH_EXECUTOR_STATUS_DIR";

    public static string Watch(IDistributedApplicationBuilder builder, IReadOnlyCollection<string> executors)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"benchapp-status-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.GetFiles(directory, "*.json")) File.Delete(stale);

        builder.WhenResourcesCreated(async (services, stopping) =>
        {
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var tails = new ResourceLogTails(services.GetRequiredService<ResourceLoggerService>(), stopping);
            // Per executor reported so far: whether the report came from a setup step.
            var reported = new Dictionary<string, bool>(StringComparer.Ordinal);
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                if (ExecutorOf(update.Resource.Name, executors) is not { } executor) continue;
                tails.Follow(update.Resource);
                var isSetupStep = update.Resource.Name != executor;
                // A failed setup step is the cause; the app failing to start only follows from it, so a
                // setup step's failure replaces the app's, never the other way round.
                var replace = !reported.TryGetValue(executor, out var fromSetupStep) || (isSetupStep && !fromSetupStep);
                if (replace && FailureOf(update.Resource.Name, update.Snapshot) is { } failure)
                {
                    reported[executor] = isSetupStep;
                    await Task.Delay(TimeSpan.FromMilliseconds(300), stopping); // let the last log lines arrive
                    WriteAtomically(Path.Combine(directory, executor + ".json"), executor,
                        failure with { Reason = WithLogTail(failure.Reason, tails.Tail(update.Resource.Name)) });
                }
            }
        });
        return directory;
    }

    /// <summary>The executor a resource belongs to: itself, or the executor a setup step prepares.</summary>
    public static string? ExecutorOf(string resource, IReadOnlyCollection<string> executors) =>
        executors.FirstOrDefault(x => resource == x || resource == $"{x}-venv" || resource == $"{x}-install");

    /// <summary>A failure worth reporting: could not start, or exited with a non-zero code.</summary>
    public static (string State, int? ExitCode, string Reason)? FailureOf(string resource, CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.FailedToStart)
            return (state, snapshot.ExitCode, $"{resource} failed to start (see its console log on the dashboard).");
        if ((state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) && snapshot.ExitCode is { } code && code != 0)
            return (state, code, $"{resource} exited with code {code} (see its console log on the dashboard).");
        return null;
    }

    private static string WithLogTail(string reason, IReadOnlyList<string> tail) =>
        tail.Count == 0 ? reason : $"{reason} Last output: {string.Join(" | ", tail)}";

    private static void WriteAtomically(string path, string executor, (string State, int? ExitCode, string Reason) failure)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["executor"] = executor,
            ["state"] = failure.State,
            ["exit_code"] = failure.ExitCode,
            ["reason"] = failure.Reason,
        }));
        File.Move(temp, path, overwrite: true);
    }
}
