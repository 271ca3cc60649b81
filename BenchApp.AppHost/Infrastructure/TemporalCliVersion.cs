using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BenchApp.AppHost.Infrastructure;

/// <summary>
/// What the <c>temporal</c> CLI's version means for the executor. The dev server is the server the CLI bundles
/// (temporalio/cli go.mod): 1.2.0 bundles server 1.26.2, the first where update-with-start (ExecuteMultiOperation)
/// is on by default and GA; 1.6.0 bundles 1.30.0, where the frontend.enableExecuteMultiOperation key is gone
/// (always on). Older CLIs cannot run the executor's first turn, so they are refused with the reason.
/// </summary>
public static partial class TemporalCliVersion
{
    public const string Pinned = "1.8.2";
    public static readonly Version Minimum = new(1, 2, 0);
    private static readonly Version MultiOperationAlwaysOn = new(1, 6, 0);

    /// <summary>"temporal version 1.8.2 (Server 1.31.2, UI 2.x)" (cobra's template, temporalio/cli commands.go) -> 1.8.2.</summary>
    public static Version? Parse(string? output) =>
        output is not null && VersionPattern().Match(output) is { Success: true } m && Version.TryParse(m.Groups[1].Value, out var v) ? v : null;

    public static bool IsTooOld(Version version) => version < Minimum;

    /// <summary>Whether this CLI's server still reads frontend.enableExecuteMultiOperation (unknown version: assume it does).</summary>
    public static bool ReadsMultiOperationKey(Version? version) => version is null || version < MultiOperationAlwaysOn;

    /// <summary>Runs <c>temporal --version</c>, bounded in time; null when it does not answer or says nothing parseable.</summary>
    public static Version? Probe(string cliPath, TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cliPath, ["--version"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 && output.Wait(timeout) ? Parse(output.Result) : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"version v?(\d+\.\d+\.\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();
}
