using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Suite;

/// <summary>
/// Which builds were measured. Like BenchmarkDotNet, a run that measured Debug code says so first, in the report's
/// first lines and on the console: Debug .NET code is several times slower and its numbers are not the product's.
/// </summary>
public static class BuildCheck
{
    public static async Task<BuildsResult> CollectAsync(MockLlmAdmin? mock, CancellationToken cancellationToken)
    {
        var builds = new BuildsResult { Driver = BuildFlavor.Current };
        if (mock is null) return builds with { MockNote = "the mock's admin API is not reachable" };
        try
        {
            var build = await mock.GetBuildAsync(cancellationToken).ConfigureAwait(false);
            return builds with { Mock = build, MockNote = build is null ? "GET /admin/stats does not say (an older mock)" : null };
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return builds with { MockNote = $"GET /admin/stats failed: {e.Message}" };
        }
    }

    /// <summary>The warning, or null when every .NET process measured was a Release build.</summary>
    public static string? Warning(BenchmarkResults results)
    {
        var debug = BuildsResult.DebugParts(results);
        return debug.Count == 0 ? null
            : $"DEBUG BUILD measured: {string.Join(", ", debug)}. Debug .NET code runs unoptimized: these numbers are not what a Release build does. " +
              "Run `dotnet run -c Release --project BenchApp.AppHost` or `./run-benchmarks.sh`.";
    }
}
