using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Discovery;

/// <summary>
/// Waits for an executor's <c>/health</c> to answer 200, reads <c>/v1/info</c>, and decides whether its pid can be
/// sampled here. An executor that stays unhealthy is reported unavailable with the last error, and the run goes on.
/// While it waits, it says every <see cref="ReportInterval"/> whom it waits for and why (the /health body's detail).
/// </summary>
public static class ExecutorProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(5);

    public static async Task<ExecutorStatus> ProbeAsync(HttpClient http, ExecutorTarget target, TimeSpan wait, CancellationToken cancellationToken,
        Action<string>? waiting = null, TimeSpan? reportInterval = null)
    {
        var every = reportInterval ?? ReportInterval;
        if (target.Url is null) return new ExecutorStatus { Target = target, Reason = target.UnavailableReason ?? "no address" };

        var health = new Uri(target.Url, "health");
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        string? lastError = null;
        var firstProbe = true;
        var healthyOnFirstProbe = false;
        DateTimeOffset? healthyAt = null;
        var started = Stopwatch.GetTimestamp();
        var nextReport = started + (long)(every.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(health, probe.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    healthyAt = DateTimeOffset.UtcNow;
                    healthyOnFirstProbe = firstProbe;
                    break;
                }
                var detail = HealthDetail.Describe(await response.Content.ReadAsStringAsync(probe.Token).ConfigureAwait(false));
                lastError = $"GET {health} answered {(int)response.StatusCode}{(detail is null ? "" : $" ({detail})")}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = $"GET {health} failed: {e.Message}";
            }
            firstProbe = false;
            if (AppHostFailureReports.ReasonFor(target.Name) is { } failed)
                return new ExecutorStatus { Target = target, Reason = $"{failed}; last error: {lastError}" };
            if (Stopwatch.GetTimestamp() >= deadline)
                return new ExecutorStatus { Target = target, Reason = $"not healthy within {wait.TotalSeconds:0.#} s; last error: {lastError}" };
            if (waiting is not null && Stopwatch.GetTimestamp() >= nextReport)
            {
                waiting($"Waiting for {target.Name} to be healthy ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s of {wait.TotalSeconds:0} s): {lastError}");
                nextReport += (long)(every.TotalSeconds * Stopwatch.Frequency);
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        ExecutorInfo? info;
        try
        {
            info = await http.GetFromJsonAsync<ExecutorInfo>(new Uri(target.Url, "v1/info"), ContractJson.Options, cancellationToken).ConfigureAwait(false);
            if (info is null) throw new InvalidOperationException("empty body");
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
        {
            return new ExecutorStatus { Target = target, Reason = $"GET /v1/info failed: {e.Message}" };
        }

        var (pid, samplingNote) = SamplingTarget(target.Url, info.Pid);
        var (startup, startupNote) = Startup(pid, healthyAt!.Value, healthyOnFirstProbe);
        return new ExecutorStatus
        {
            Target = target, Available = true, Info = info,
            SamplingPid = pid, SamplingNote = samplingNote, StartupMs = startup, StartupNote = startupNote,
        };
    }

    /// <summary>The pid to sample, or why there is none: the executor must be on this machine and its pid visible here.</summary>
    public static (int? Pid, string? Note) SamplingTarget(Uri url, int pid)
    {
        if (!IsThisMachine(url)) return (null, $"{url.Host} is another machine: its pid {pid} cannot be sampled here");
        if (SamplingUnavailable(pid) is { } reason) return (null, reason);
        return (pid, null);
    }

    private static string? SamplingUnavailable(int pid) => ProcessSampler.UnavailableReason(pid);

    private static (double? Ms, string? Note) Startup(int? pid, DateTimeOffset healthyAt, bool healthyOnFirstProbe)
    {
        if (pid is not { } p || ProcFs.StartTime(p) is not { } started) return (null, "process start time unknown (pid not sampled here)");
        var upFor = (healthyAt - started).TotalMilliseconds;
        if (healthyOnFirstProbe)
            return (null, $"already healthy when the driver first probed it ({upFor / 1000:0.#} s after its process started); start the driver with the executors to measure start-up");
        return (Math.Round(upFor, 0), "process start (/proc, 10 ms resolution) to the first /health 200 seen (polled every 100 ms)");
    }

    public static bool IsThisMachine(Uri url)
    {
        if (url.IsLoopback) return true;
        var host = url.IdnHost.Trim('[', ']');
        if (string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out var address)) return false;
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.Equals(address));
    }
}
