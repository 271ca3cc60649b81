using System.Security.Cryptography;
using System.Text;

namespace BenchApp.AppHost.PythonExecutors;

/// <summary>
/// SHA-256 over a requirements file and every file it includes with <c>-r</c>, so editing any of them makes the
/// install step run again.
/// </summary>
public static class RequirementsHash
{
    public static string Compute(string requirementsPath)
    {
        var text = new StringBuilder();
        Append(Path.GetFullPath(requirementsPath), text, new HashSet<string>(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(string path, StringBuilder text, HashSet<string> seen)
    {
        if (!seen.Add(path)) return;
        var lines = File.ReadAllLines(path);
        text.Append("== ").Append(Path.GetFileName(path)).Append('\n');
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            text.Append(line).Append('\n');
            var include = IncludedFile(line);
            if (include is not null)
                Append(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)), text, seen);
        }
    }

    private static string? IncludedFile(string line)
    {
        foreach (var flag in new[] { "-r ", "--requirement ", "--requirement=" })
            if (line.StartsWith(flag, StringComparison.Ordinal))
                return line[flag.Length..].Trim();
        return null;
    }
}
