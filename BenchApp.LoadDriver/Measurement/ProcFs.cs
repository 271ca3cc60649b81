using System.Globalization;
using System.Runtime.InteropServices;

namespace BenchApp.LoadDriver.Measurement;

/// <summary>
/// Reads a process from outside through Linux's /proc, the same way for every language:
/// CPU ticks from <c>/proc/PID/stat</c>, RSS and its high-water mark from <c>/proc/PID/status</c>.
/// </summary>
public static partial class ProcFs
{
    public readonly record struct Stat(int Pid, int ParentPid, long UserTicks, long SystemTicks, long StartTicks)
    {
        public long CpuTicks => UserTicks + SystemTicks;
    }

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    /// <summary>Clock ticks per second of the utime/stime/starttime fields (USER_HZ, 100 on most kernels).</summary>
    public static long TicksPerSecond { get; } = ReadTicksPerSecond();

    public static bool Exists(int pid) => pid > 0 && File.Exists($"/proc/{pid}/stat");

    public static bool TryReadStat(int pid, out Stat stat)
    {
        stat = default;
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        return TryParseStat(pid, text, out stat);
    }

    /// <summary>Parses a stat line; the command name may hold spaces and ')' so fields are counted after the last ')'.</summary>
    public static bool TryParseStat(int pid, string text, out Stat stat)
    {
        stat = default;
        var close = text.LastIndexOf(')');
        if (close < 0) return false;
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22.
        if (fields.Length < 20) return false;
        if (!int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) ||
            !long.TryParse(fields[11], CultureInfo.InvariantCulture, out var utime) ||
            !long.TryParse(fields[12], CultureInfo.InvariantCulture, out var stime) ||
            !long.TryParse(fields[19], CultureInfo.InvariantCulture, out var start))
            return false;
        stat = new Stat(pid, ppid, utime, stime, start);
        return true;
    }

    /// <summary>VmRSS (now) and VmHWM (peak since start or the last reset) in KiB.</summary>
    public static bool TryReadMemory(int pid, out long rssKb, out long hwmKb)
    {
        rssKb = hwmKb = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rssKb = ParseKb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwmKb = ParseKb(line);
            }
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static long ParseKb(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    /// <summary>The process and all its descendants (found through every process's parent id).</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !int.TryParse(name, CultureInfo.InvariantCulture, out var pid)) continue;
            if (!TryReadStat(pid, out var stat)) continue;
            if (!children.TryGetValue(stat.ParentPid, out var list)) children[stat.ParentPid] = list = [];
            list.Add(pid);
        }
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
            if (children.TryGetValue(tree[i], out var kids))
                tree.AddRange(kids.Where(k => !tree.Contains(k)));
        return tree;
    }

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs), so a peak can be taken per scenario.</summary>
    public static bool TryResetPeak(int pid, out string? error)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Seconds since boot now, in the unit of the stat file's starttime (for "started after X" checks).</summary>
    public static long UptimeTicks()
    {
        var text = File.ReadAllText("/proc/uptime").Split(' ')[0];
        return (long)(double.Parse(text, CultureInfo.InvariantCulture) * TicksPerSecond);
    }

    /// <summary>When a process started, in wall-clock time (boot time plus its starttime field).</summary>
    public static DateTimeOffset? StartTime(int pid)
    {
        if (!TryReadStat(pid, out var stat)) return null;
        foreach (var line in File.ReadLines("/proc/stat"))
            if (line.StartsWith("btime ", StringComparison.Ordinal) && long.TryParse(line[6..].Trim(), CultureInfo.InvariantCulture, out var boot))
                return DateTimeOffset.FromUnixTimeSeconds(boot).AddSeconds(stat.StartTicks / (double)TicksPerSecond);
        return null;
    }

    private static long ReadTicksPerSecond()
    {
        if (!OperatingSystem.IsLinux()) return 100;
        try
        {
            var ticks = Sysconf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    private const int ScClkTck = 2;

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long Sysconf(int name);
}
