using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Tests.Integration;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.Measurement;

/// <summary>
/// dotnet-inproc's own cost against a zero-latency mock LLM: client latency per run at concurrency 1 and 32 (with
/// the mock waiting 0 ms, that latency is all overhead: executor, its HTTP hop to the mock, Redis), and resident
/// memory with 100 sessions in flight. A measurement, not a test: it prints figures and asserts only that every
/// run succeeded. Run: BENCH_MEASURE=1 dotnet test tests/BenchApp.Executors.Tests -c Release --filter Category=Measurement
/// (after dotnet build BenchApp.MockLlm -c Release).
/// </summary>
[Trait("Category", "Measurement")]
public class InProcOverheadMeasurement
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measure_inproc_overhead_and_memory()
    {
        if (Environment.GetEnvironmentVariable("BENCH_MEASURE") != "1")
            Assert.Skip("A measurement, not a test: set BENCH_MEASURE=1 and build in Release to print dotnet-inproc's overhead and memory.");

        await using var stack = new InProcStack();
        await stack.InitializeAsync();
        stack.SkipIfUnavailable();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = stack.Executor.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"dotnet-inproc ({RepoPaths.Configuration}), mock LLM at zero latency, {Environment.ProcessorCount} cores, machine shared");

        var rssIdle = Memory(stack.Executor.Pid);
        await RunLoadAsync(http, "warm-up", concurrency: 8, total: 3000, null, report: null);
        await stack.Mock.ResetStatsAsync(Ct);

        await RunLoadAsync(http, "simple chat, new session, c=1", 1, 4000, null, report);
        await RunLoadAsync(http, "simple chat, new session, c=32", 32, 16000, null, report);
        var sessions = await OpenSessionsAsync(http, 32);
        await RunLoadAsync(http, "next turn of a session, c=1", 1, 3000, i => sessions[i % sessions.Length], report);
        await RunLoadAsync(http, "tool call (2 LLM calls), c=1", 1, 2000, null, report, "#bench tool_calls=1\nweather");
        var stats = await stack.Mock.StatsAsync(Ct);
        report.AppendLine(CultureInfo.InvariantCulture, $"mock: {stats.Requests} requests, waited {stats.WaitMsTotal:0.###} ms in total (so latency = overhead)");

        // Memory: 100 sessions open, then 100 turns in flight at once, 20 times over.
        var hundred = await OpenSessionsAsync(http, 100);
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Memory(stack.Executor.Pid).Rss);
                await Task.Delay(20, CancellationToken.None);
            }
        }, Ct);
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(hundred.Select(async s =>
            {
                using var r = await http.PostAsJsonAsync("v1/runs", new { message = "#bench tool_calls=1 reply_tokens=32\nagain", session_id = s }, Ct);
                await r.ReadRunAsync(Ct);
            }));
        }
        await sampling.CancelAsync();
        await sampler;
        var after = Memory(stack.Executor.Pid);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"memory: idle RSS {rssIdle.Rss / 1024.0:0.0} MiB; with 100 concurrent sessions (20 rounds of 100 turns in flight) sampled peak RSS {peak / 1024.0:0.0} MiB, after {after.Rss / 1024.0:0.0} MiB, VmHWM {after.Hwm / 1024.0:0.0} MiB");

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("BENCH_MEASURE_OUT") is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, report.ToString(), Ct);
    }

    private static async Task<string[]> OpenSessionsAsync(HttpClient http, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var r = await http.PostAsJsonAsync("v1/runs", new { message = $"#bench reply_tokens=8\nsession {i}" }, Ct);
            return (await r.ReadRunAsync(Ct)).SessionId;
        }));

    private static async Task RunLoadAsync(HttpClient http, string name, int concurrency, int total, Func<int, string>? session, StringBuilder? report,
        string message = "#bench reply_tokens=16\nhello")
    {
        var client = new double[total];
        var server = new double[total];
        var llm = new double[total];
        var state = new double[total];
        var next = -1;
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 90; // bounded in time as well as count
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total && Stopwatch.GetTimestamp() < deadline)
            {
                var body = session is null ? (object)new { message } : new { message, session_id = session(i) };
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("v1/runs", body, Ct);
                var run = await response.ReadRunAsync(Ct);
                client[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                (server[i], llm[i], state[i]) = (run.TimingsMs.Total, run.TimingsMs.Llm, run.TimingsMs.State);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var done = Math.Min(total, next);
        Assert.True(done > 0);
        if (report is null) return;

        static string P(double[] v, int n)
        {
            var s = v.AsSpan(0, n).ToArray();
            Array.Sort(s);
            double At(double q) => s[Math.Min(n - 1, (int)Math.Ceiling(q * n) - 1)];
            return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.000} p90 {At(0.90):0.000} p99 {At(0.99):0.000} max {s[^1]:0.000}");
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"{name}: {done} runs, {done / elapsed:0} runs/s");
        report.AppendLine(CultureInfo.InvariantCulture, $"  client latency ms  {P(client, done)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  executor total ms  {P(server, done)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  of which llm ms    {P(llm, done)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  of which redis ms  {P(state, done)}");
    }

    private static (long Rss, long Hwm) Memory(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return (rss, hwm);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
