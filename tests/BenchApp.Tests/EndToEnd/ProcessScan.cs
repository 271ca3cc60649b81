using System.Text;
using System.Text.RegularExpressions;

namespace BenchApp.Tests.EndToEnd;

/// <summary>
/// Finds the processes of one run by a marker in their environment (children inherit it from the script),
/// plus the processes DCP monitors for that run (redis-server rewrites its environment, so it is found through
/// its monitor's <c>--child PID</c>). Identity is pid + start time, so a reused pid is not mistaken for a survivor.
/// </summary>
public static partial class ProcessScan
{
    public readonly record struct ProcessId(int Pid, long StartTicks, string CommandLine);

    public static IReadOnlyCollection<ProcessId> Marked(string marker)
    {
        var found = new Dictionary<int, ProcessId>();
        foreach (var pid in AllPids())
        {
            var environ = Read($"/proc/{pid}/environ");
            if (environ is null || !environ.Contains(marker, StringComparison.Ordinal)) continue;
            if (Identify(pid) is { } process)
            {
                found[pid] = process;
                foreach (Match m in MonitoredChild().Matches(process.CommandLine))
                    if (Identify(int.Parse(m.Groups[1].Value)) is { } child) found[child.Pid] = child;
            }
        }
        return found.Values;
    }

    public static bool IsAlive(ProcessId process) => Identify(process.Pid) is { } now && now.StartTicks == process.StartTicks;

    private static ProcessId? Identify(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] == "Z") return null; // a zombie has already exited
        var commandLine = (Read($"/proc/{pid}/cmdline") ?? "").Replace('\0', ' ').Trim();
        return new ProcessId(pid, long.Parse(fields[19]), commandLine);
    }

    private static IEnumerable<int> AllPids() =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!));

    private static string? Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"--child (\d+)")]
    private static partial Regex MonitoredChild();
}
