using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BenchApp.Contracts.MockLlm;
using HdrHistogram;

namespace BenchApp.MockLlm.Benchmark;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each sending its next request when the last one is fully read.
/// Records client latency and the mock's own processing time (its <c>x-mock-processing-ms</c> header) per request.
/// </summary>
public static class LoadRunner
{
    private const long HighestMicros = 60_000_000;

    public static async Task<LoadResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var (path, body) = Scenarios.Request(options.Scenario);
        var target = new Uri(options.Url, path.TrimStart('/'));
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var contentType = new MediaTypeHeaderValue("application/json");

        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        var cpuBefore = TimeSpan.Zero;
        var cpuSampled = false;
        var warmupDone = Task.Run(async () =>
        {
            var delay = TimeSpan.FromSeconds(options.Warmup.TotalSeconds);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
            cpuSampled = TryCpu(options.ServerPid, out cpuBefore);
        }, cancellationToken);

        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => WorkerAsync(http, target, body, contentType, measureFrom, stopAt, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);
        await warmupDone;
        var elapsed = Stopwatch.GetElapsedTime(measureFrom, Math.Min(Stopwatch.GetTimestamp(), stopAt));
        TimeSpan? cpu = cpuSampled && TryCpu(options.ServerPid, out var cpuAfter) ? cpuAfter - cpuBefore : null;

        var client = new LongHistogram(HighestMicros, 3);
        var server = new LongHistogram(HighestMicros, 3);
        long requests = 0, errors = 0;
        var statusErrors = new Dictionary<int, long>();
        foreach (var w in results)
        {
            client.Add(w.Client);
            server.Add(w.Server);
            requests += w.Requests;
            errors += w.Errors;
            foreach (var (status, count) in w.StatusErrors) statusErrors[status] = statusErrors.GetValueOrDefault(status) + count;
        }
        return new LoadResult(requests, errors, statusErrors, elapsed, client, server, cpu);
    }

    private static async Task<WorkerResult> WorkerAsync(HttpClient http, Uri target, byte[]? body, MediaTypeHeaderValue contentType,
        long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        var result = new WorkerResult(new LongHistogram(HighestMicros, 3), new LongHistogram(HighestMicros, 3));
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= stopAt) break;
            var measured = sent >= measureFrom;
            try
            {
                using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, target);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = contentType;
                }
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
                {
                    while (await stream.ReadAsync(buffer, cancellationToken) > 0) { }
                }
                var micros = (long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
                if (!measured) continue;
                if (!response.IsSuccessStatusCode)
                {
                    result.Errors++;
                    var code = (int)response.StatusCode;
                    result.StatusErrors[code] = result.StatusErrors.GetValueOrDefault(code) + 1;
                    continue;
                }
                result.Requests++;
                result.Client.RecordValue(Math.Clamp(micros, 0, HighestMicros));
                if (response.Headers.TryGetValues(MockLlmApi.ProcessingHeader, out var values)
                    && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                    result.Server.RecordValue(Math.Clamp((long)Math.Round(ms * 1000), 0, HighestMicros));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (measured) result.Errors++;
            }
        }
        return result;
    }

    private static bool TryCpu(int? pid, out TimeSpan cpu)
    {
        cpu = TimeSpan.Zero;
        if (pid is null) return false;
        try
        {
            using var process = Process.GetProcessById(pid.Value);
            cpu = process.TotalProcessorTime;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record WorkerResult(LongHistogram Client, LongHistogram Server)
    {
        public long Requests;
        public long Errors;
        public readonly Dictionary<int, long> StatusErrors = [];
    }
}

/// <summary>What a run measured; latencies in microseconds.</summary>
public sealed record LoadResult(long Requests, long Errors, IReadOnlyDictionary<int, long> StatusErrors, TimeSpan Elapsed,
    HistogramBase Client, HistogramBase Server, TimeSpan? ServerCpu)
{
    public double RequestsPerSecond => Requests / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>CPU time of the mock process per request, µs (when its pid was given).</summary>
    public double? ServerCpuMicrosPerRequest => ServerCpu is { } cpu && Requests > 0 ? cpu.TotalMicroseconds / Requests : null;
}
