using System.Diagnostics;
using System.Net;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>The latency model at work over HTTP. Only lower bounds are asserted: a busy machine may add time, never remove it.</summary>
public sealed class LatencyTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_reply_waits_ttft_plus_per_token_time_and_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"latency":{"ttft_ms":30,"per_token_ms":2}}""");

        var started = Stopwatch.GetTimestamp();
        var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath,
            """{"model":"m","messages":[{"role":"user","content":"#bench reply_tokens=10 run=slow"}]}""", ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.WaitMs >= 49.5, $"x-mock-wait-ms {reply.WaitMs}");
        Assert.True(elapsed >= reply.WaitMs, $"client saw {elapsed} ms");
        var run = (await Http.GetAsync(http, "admin/runs/slow")).Json;
        Assert.Equal(reply.WaitMs, run.GetProperty("wait_ms").GetDouble(), 2);
    }

    [Fact]
    public async Task A_streamed_reply_paces_its_tokens_and_waits_the_same_total()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        // Warm the streaming path first, so first-call JIT time does not eat into the schedule.
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, """{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""", ct);
        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"latency":{"ttft_ms":40,"per_token_ms":20}}""");

        using var request = new HttpRequestMessage(HttpMethod.Post, MockLlmApi.ChatCompletionsPath.TrimStart('/'))
        {
            Content = new StringContent("""{"model":"m","stream":true,"messages":[{"role":"user","content":"#bench reply_tokens=5 run=paced"}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var headersAt = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal("140", response.Headers.GetValues("x-mock-wait-ms").Single());

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var arrivals = new List<double>();
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.StartsWith("data: {", StringComparison.Ordinal)) arrivals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        Assert.True(headersAt >= 39, $"headers came with the first chunk, after ttft: {headersAt} ms");
        Assert.Equal(7, arrivals.Count); // role chunk, 5 tokens, finish
        Assert.True(arrivals[^1] >= 139, $"last chunk at {arrivals[^1]} ms");
        Assert.True(arrivals[^1] - arrivals[0] >= 50, $"tokens are spread over time, not sent at once: {string.Join(", ", arrivals.Select(a => a.ToString("0.0")))}");

        var run = (await Http.GetAsync(http, "admin/runs/paced")).Json;
        Assert.True(run.GetProperty("wait_ms").GetDouble() >= 139, run.GetRawText());
    }

    [Fact]
    public async Task Zero_latency_replies_report_zero_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        for (var i = 0; i < 20; i++)
        {
            var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", ct);
            Assert.Equal("0", reply.Header("x-mock-wait-ms"));
            Assert.True(double.Parse(reply.Header("x-mock-processing-ms"), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        }
        Assert.Equal(0, (await Http.GetAsync(http, MockLlmApi.StatsPath)).Json.GetProperty("wait_ms_total").GetDouble());
    }

    [Fact]
    public async Task A_client_that_leaves_during_the_wait_is_counted_as_cancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = server.NewHttpClient();
        await Http.PutAsync(admin, MockLlmApi.ConfigPath, """{"latency":{"ttft_ms":5000}}""");
        using var impatient = server.NewHttpClient(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() =>
            Http.PostAsync(impatient, MockLlmApi.ChatCompletionsPath, """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", ct));

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        long cancelled = 0;
        while (Stopwatch.GetTimestamp() < deadline && cancelled == 0)
        {
            cancelled = (await Http.GetAsync(admin, MockLlmApi.StatsPath)).Json.GetProperty("by_outcome").GetProperty("cancelled").GetInt64();
            if (cancelled == 0) await Task.Delay(20, ct);
        }
        Assert.Equal(1, cancelled);
    }
}
