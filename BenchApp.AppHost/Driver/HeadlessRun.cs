using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchApp.AppHost.Driver;

/// <summary>
/// Headless runs (run-benchmarks.sh): when the load driver ends, stop every resource and exit with the
/// driver's exit code, so a script or CI sees the benchmark's verdict. When the AppHost itself gets SIGINT or
/// SIGTERM, the driver is asked to stop first (SIGTERM: it writes the run as interrupted), then every resource
/// stops, and the AppHost exits 130 (SIGINT) or 143 (SIGTERM).
/// </summary>
public static class HeadlessRun
{
    /// <summary>How long the driver may take to write an interrupted run before the resources are stopped anyway.</summary>
    public static readonly TimeSpan DriverStopGrace = TimeSpan.FromSeconds(7);

    /// <summary>The executable property Aspire's DCP fills with a process id (<c>KnownProperties.Executable.Pid</c>).</summary>
    private const string PidProperty = "executable.pid";

    private static int _signalExitCode;
    private static PosixSignalRegistration[]? _signals;

    public static IResourceBuilder<T> StopAppWhenFinished<T>(this IResourceBuilder<T> driver) where T : IResource
    {
        // The host's console lifetime stops the app on these signals; here only the exit code is recorded.
        _signals ??=
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => RecordSignal(SignalExitCode(PosixSignal.SIGINT))),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => RecordSignal(SignalExitCode(PosixSignal.SIGTERM))),
        ];

        var driverPid = 0;
        var driverDone = false;
        driver.ApplicationBuilder.Eventing.Subscribe<AfterResourcesCreatedEvent>((e, _) =>
        {
            var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.Headless");
            // Stopping blocks here until the driver has written its results (or the grace is over).
            lifetime.ApplicationStopping.Register(() =>
            {
                if (!Volatile.Read(ref driverDone) && Volatile.Read(ref driverPid) is var pid and > 0)
                    StopDriver(pid, logger);
                if (Volatile.Read(ref _signalExitCode) is var code and > 0) Environment.ExitCode = code;
            });
            return Task.CompletedTask;
        });
        driver.ApplicationBuilder.WhenResourcesCreated(async (services, stopping) =>
        {
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.Headless");
            await foreach (var update in notifications.WatchAsync(stopping))
            {
                if (update.Resource.Name != driver.Resource.Name) continue;
                if (PidOf(update.Snapshot) is { } pid) Volatile.Write(ref driverPid, pid);
                if (ExitCodeOf(update.Snapshot) is not { } code) continue;
                Volatile.Write(ref driverDone, true);
                logger.LogInformation("{Driver} finished with exit code {Code}; stopping every resource.", driver.Resource.Name, code);
                Environment.ExitCode = Volatile.Read(ref _signalExitCode) is var signalled and > 0 ? signalled : code;
                lifetime.StopApplication();
                return;
            }
        });
        return driver;
    }

    /// <summary>The code to exit with once the driver is done; null while it still runs.</summary>
    public static int? ExitCodeOf(CustomResourceSnapshot snapshot)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.FailedToStart) return 1;
        if (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) return snapshot.ExitCode ?? 1;
        return null;
    }

    /// <summary>128 + the signal's number, as a shell reports a process that a signal ended.</summary>
    public static int SignalExitCode(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => 1,
    };

    /// <summary>The process id DCP reports for a resource, when it has one.</summary>
    public static int? PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value switch
        {
            int pid when pid > 0 => pid,
            long pid when pid > 0 => (int)pid,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 => pid,
            _ => null,
        };

    // The console lifetime's handler may run first and stop the app before this one runs: set the exit code here too.
    private static void RecordSignal(int code)
    {
        if (Interlocked.CompareExchange(ref _signalExitCode, code, 0) == 0) Environment.ExitCode = code;
    }

    private static void StopDriver(int pid, ILogger logger)
    {
        // DCP runs a project through `dotnet run`, which does not pass SIGTERM on: signal the processes under it
        // (the driver itself), or the pid when it has none.
        var targets = Descendants(pid);
        if (targets.Count == 0) targets = [pid];
        logger.LogWarning("Stopping: asking the load driver (pid {Pids}) to write the run as interrupted.", string.Join(", ", targets));
        try
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", .. targets.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
            kill.WaitForExit(2000);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            logger.LogWarning("Could not signal the load driver: {Message}", e.Message);
            return;
        }
        var deadline = DateTime.UtcNow + DriverStopGrace;
        while (IsRunning(pid) && DateTime.UtcNow < deadline) Thread.Sleep(100);
        if (IsRunning(pid)) logger.LogWarning("The load driver did not stop within {Seconds} s; stopping it with the rest.", DriverStopGrace.TotalSeconds);
    }

    /// <summary>Every process below <paramref name="root"/>, from each /proc/&lt;pid&gt;/stat's parent field.</summary>
    public static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)) parents[pid] = parent;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone in between.
            }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var next))
            foreach (var (child, parent) in parents)
                if (parent == next && !found.Contains(child))
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
        return found;
    }

    // A zombie has exited already (its parent, DCP, has not reaped it yet).
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
