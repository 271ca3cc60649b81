using System.Text.Json;

namespace BenchApp.Tests.EndToEnd;

/// <summary>The parts of a driver's results.json these tests check.</summary>
public sealed record ResultsFile(string Path, string Status, IReadOnlyDictionary<string, (bool Available, string? Reason)> Executors, IReadOnlyList<(string Executor, string Scenario, int Ok, int Errors)> Scenarios)
{
    public static ResultsFile? Latest(string resultsRoot)
    {
        if (!Directory.Exists(resultsRoot)) return null;
        var path = Directory.GetDirectories(resultsRoot).Order(StringComparer.Ordinal)
            .Select(d => System.IO.Path.Combine(d, "results.json")).LastOrDefault(File.Exists);
        if (path is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var executors = root.GetProperty("executors").EnumerateArray().ToDictionary(
                e => e.GetProperty("name").GetString()!,
                e => (e.GetProperty("available").GetBoolean(), e.TryGetProperty("reason", out var r) ? r.GetString() : null));
            var scenarios = root.GetProperty("scenarios").EnumerateArray().Select(s => (
                s.GetProperty("executor").GetString()!, s.GetProperty("scenario").GetString()!,
                s.GetProperty("ok").GetInt32(), s.GetProperty("errors").GetProperty("total").GetInt32())).ToList();
            return new ResultsFile(path, root.GetProperty("status").GetString()!, executors, scenarios);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            return null; // being replaced right now: read it again
        }
    }
}
