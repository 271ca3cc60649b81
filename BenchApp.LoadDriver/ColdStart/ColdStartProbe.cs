using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Directives;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.MockLlm;
using BenchApp.LoadDriver.Recovery;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.ColdStart;

/// <summary>
/// Cold start: the driver starts its own copy of an executor as crash-recovery does (the configured launch command on
/// a free port), and times, from its process start call, the first <c>/health</c> 200 and the first correct simple-chat
/// reply, reading the copy's process-tree RSS at that reply. For Python the import of the framework is inside the
/// first interval: it happens before the server listens. Each start is stopped before the next.
/// </summary>
public sealed class ColdStartProbe(
    HttpClient http, HttpClient control, MockLlmAdmin? mock, Uri? mockUrl, BenchmarkConfig config,
    IReadOnlyDictionary<string, string?> environment, string repoRoot, IRunProgress progress)
{
    public const string Measured = "measured";
    public const string NotMeasured = "not_measured";
    public const string Failed = "failed";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static readonly ScenarioDefinition FirstTurn = new()
    {
        Name = "cold-start", Description = "first simple-chat turn of a fresh process", Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 16 },
    };

    private readonly RunIds _runIds = new();

    public async Task<ColdStartResult> RunAsync(string executor, int starts, CancellationToken cancellationToken)
    {
        if (LaunchEnvironment.CannotLaunch(config, executor, environment) is { } reason)
            return new ColdStartResult { Executor = executor, Status = NotMeasured, Reason = reason };
        var launch = config.CrashRecovery.Executors[executor];
        using var phase = progress.Begin(executor, $"cold start x{starts}", starts);
        var runs = new List<ColdStartRun>();
        var result = new ColdStartResult { Executor = executor, Status = Failed, Starts = starts };
        try
        {
            if (mock is not null)
                await mock.SetConfigAsync(new MockLlmConfig { Latency = new LatencyConfig(), Faults = new FaultConfig(), Seed = config.Seed }, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < starts; i++)
            {
                var (run, info, commandLine, why) = await StartOnceAsync(executor, launch, cancellationToken).ConfigureAwait(false);
                result = result with { StartedBy = commandLine, Language = info?.Language ?? result.Language, Build = info?.Build ?? result.Build };
                if (run is null)
                {
                    result = result with { Reason = $"start {i + 1}: {why}" };
                    break;
                }
                runs.Add(run);
                phase.Update(i + 1, default, warmup: false);
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or HttpRequestException or InvalidOperationException
                                  || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            result = result with { Reason = $"{e.GetType().Name}: {e.Message}" };
        }
        result = Summarise(result with { Runs = runs }, starts);
        phase.Complete(Summary(result));
        return result;
    }

    /// <summary>Median and max over the starts; measured only when every start answered.</summary>
    public static ColdStartResult Summarise(ColdStartResult r, int starts)
    {
        if (r.Runs.Count == 0) return r;
        var rss = r.Runs.Where(x => x.RssKb is not null).Select(x => (double)x.RssKb!.Value).ToList();
        return r with
        {
            Status = r.Runs.Count == starts ? Measured : r.Status,
            HealthMsMedian = Math.Round(Comparison.ResultsComparer.Median(r.Runs.Select(x => x.HealthMs).ToList()), 1),
            HealthMsMax = Math.Round(r.Runs.Max(x => x.HealthMs), 1),
            FirstReplyMsMedian = Math.Round(Comparison.ResultsComparer.Median(r.Runs.Select(x => x.FirstReplyMs).ToList()), 1),
            FirstReplyMsMax = Math.Round(r.Runs.Max(x => x.FirstReplyMs), 1),
            RssKbMedian = rss.Count > 0 ? (long)Comparison.ResultsComparer.Median(rss) : null,
            RssKbMax = rss.Count > 0 ? (long)rss.Max() : null,
        };
    }

    private async Task<(ColdStartRun? Run, ExecutorInfo? Info, string? CommandLine, string? Why)> StartOnceAsync(
        string executor, ExecutorLaunchConfig launch, CancellationToken cancellationToken)
    {
        var port = LaunchedExecutor.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var env = LaunchEnvironment.For(environment, mockUrl, $"{executor}-cold-start");
        var timeout = TimeSpan.FromSeconds(config.ColdStart.TimeoutSeconds);
        var started = Stopwatch.GetTimestamp();
        await using var process = LaunchedExecutor.Start(launch, port, repoRoot, env);

        double? healthMs = null;
        string? lastError = null;
        while (healthMs is null)
        {
            if (process.HasExited) return (null, null, process.CommandLine, $"the process exited before /health answered 200; last output: {Tail(process.Tail)}");
            if (Stopwatch.GetElapsedTime(started) > timeout) return (null, null, process.CommandLine, $"no /health 200 within {timeout.TotalSeconds:0} s ({lastError})");
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await control.GetAsync(new Uri(url, "health"), probe.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK) healthMs = Ms(started);
                else lastError = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = e.Message;
            }
            if (healthMs is null) await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        var client = new ExecutorClient(http, url, timeout);
        var attempt = await client.SendAsync(new RunRequest { Message = FirstTurn.MessageFor(_runIds.Next(), 0) }, cancellationToken).ConfigureAwait(false);
        var replyMs = Ms(started);
        if (attempt.Error != ErrorKind.None) return (null, null, process.CommandLine, $"the first turn failed: {ErrorNames.Of(attempt.Error)}: {attempt.Detail}");
        if (ReplyCheck.Problem(FirstTurn, attempt.Response!, null) is { } problem) return (null, null, process.CommandLine, $"the first reply was wrong: {problem}");

        long? rss = null;
        long sum = 0;
        var any = false;
        foreach (var pid in ProcFs.Tree(process.Pid))
            if (ProcFs.TryReadMemory(pid, out var kb, out _)) { sum += kb; any = true; }
        if (any) rss = sum;

        ExecutorInfo? info = null;
        try { info = await control.GetFromJsonAsync<ExecutorInfo>(new Uri(url, "v1/info"), ContractJson.Options, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested) { }
        return (new ColdStartRun(Math.Round(healthMs.Value, 1), Math.Round(replyMs, 1), rss), info, process.CommandLine, null);
    }

    private static double Ms(long from) => Stopwatch.GetElapsedTime(from).TotalMilliseconds;

    private static string Tail(string tail) => tail.Length > 600 ? tail[^600..] : tail;

    public static string Summary(ColdStartResult r) => r.Status != Measured
        ? $"{r.Status.Replace('_', ' ')}: {r.Reason}"
        : $"{r.Starts} starts: healthy after {r.HealthMsMedian:0} ms (max {r.HealthMsMax:0}), first reply after {r.FirstReplyMsMedian:0} ms (max {r.FirstReplyMsMax:0}), RSS {r.RssKbMedian / 1024.0:0.#} MiB";
}
