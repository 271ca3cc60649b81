using System.Collections.Concurrent;

namespace BenchApp.AppHost.Driver;

/// <summary>The last few lines each followed resource printed, so a failure can be reported with its cause (pip's error).</summary>
public sealed partial class ResourceLogTails(ResourceLoggerService logs, CancellationToken stopping, int keep = 3)
{
    private readonly ConcurrentDictionary<string, Queue<string>> _tails = new(StringComparer.Ordinal);

    public void Follow(IResource resource)
    {
        var tail = new Queue<string>();
        if (!_tails.TryAdd(resource.Name, tail)) return;
        BackgroundWork.Run(async () =>
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
                lock (tail)
                    foreach (var line in batch)
                    {
                        if (Meaningful(line.Content) is not { } text) continue;
                        tail.Enqueue(text);
                        while (tail.Count > keep) tail.Dequeue();
                    }
        }, stopping);
    }

    /// <summary>A line worth quoting in a reason: no timestamp, no stack frames, no orchestrator chatter.</summary>
    public static string? Meaningful(string content)
    {
        var text = TimestampPrefix().Replace(content, "").Trim();
        if (text.Length == 0 || text.StartsWith("at ", StringComparison.Ordinal) || text.StartsWith("---", StringComparison.Ordinal)
            || text.StartsWith("[sys]", StringComparison.Ordinal))
            return null;
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[\d:.]+Z\s*")]
    private static partial System.Text.RegularExpressions.Regex TimestampPrefix();

    public IReadOnlyList<string> Tail(string resource)
    {
        if (!_tails.TryGetValue(resource, out var tail)) return [];
        lock (tail) return [.. tail];
    }
}
