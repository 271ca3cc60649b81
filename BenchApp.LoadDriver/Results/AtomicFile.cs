using System.Text;

namespace BenchApp.LoadDriver.Results;

/// <summary>Writes a file so a reader never sees half of it: to a temporary name beside it, then renamed over it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) =>
        Write(path, temp => File.WriteAllText(temp, contents, new UTF8Encoding(false)));

    /// <summary>Lets <paramref name="write"/> produce the file at a temporary path (same extension), then moves it in place.</summary>
    public static void Write(string path, Action<string> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(path)}");
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
