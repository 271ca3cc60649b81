using System.Diagnostics;
using System.Net;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

public sealed class FaultTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"#bench run=fault-run reply_tokens=3"}]}""";
    private const string Messages = """{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""";

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Error_and_rate_limit_faults_use_each_providers_error_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"error_rate":1}}""");
        var error = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal("server_error", error.Json.GetProperty("error").GetProperty("type").GetString());
        var anthropicError = await Http.PostAsync(http, MockLlmApi.MessagesPath, Messages, ct);
        Assert.Equal(HttpStatusCode.InternalServerError, anthropicError.Status);
        Assert.Equal("api_error", anthropicError.Json.GetProperty("error").GetProperty("type").GetString());

        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"rate_limit_rate":1,"retry_after_seconds":2.5}}""");
        var limited = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("3", limited.Header("Retry-After"));
        Assert.Equal("2500", limited.Header("retry-after-ms"));
        Assert.Equal("rate_limit_exceeded", limited.Json.GetProperty("error").GetProperty("code").GetString());
        var anthropicLimited = await Http.PostAsync(http, MockLlmApi.MessagesPath, Messages, ct);
        Assert.Equal("rate_limit_error", anthropicLimited.Json.GetProperty("error").GetProperty("type").GetString());

        var run = (await Http.GetAsync(http, "admin/runs/fault-run")).Json;
        Assert.Equal(2, run.GetProperty("faults").GetInt32());
        Assert.Equal(0, run.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task Fail_next_fails_exactly_that_many_then_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":3,"kind":"error"}""", ct);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct)).Status);
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);

        // Bad requests do not use up a forced failure.
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":1,"kind":"rate_limit"}""", ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, "{", ct)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct)).Status);
    }

    [Fact]
    public async Task Seeded_fault_rates_give_the_same_sequence_after_the_same_config()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        async Task<List<HttpStatusCode>> Sequence()
        {
            await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"error_rate":0.3,"rate_limit_rate":0.2,"retry_after_seconds":0},"seed":1234}""");
            var list = new List<HttpStatusCode>();
            for (var i = 0; i < 40; i++) list.Add((await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct)).Status);
            return list;
        }

        var first = await Sequence();
        var second = await Sequence();
        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.TooManyRequests, first);
    }

    [Fact]
    public async Task A_hang_ends_after_hang_ms_with_a_504_in_provider_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"hang_ms":60}}""");
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":1,"kind":"hang"}""", ct);

        var started = Stopwatch.GetTimestamp();
        var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat, ct);
        Assert.True(Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 59);
        Assert.Equal(HttpStatusCode.GatewayTimeout, reply.Status);
        Assert.Equal("timeout", reply.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.True(reply.WaitMs >= 59.5, $"x-mock-wait-ms {reply.WaitMs}");

        var stats = (await Http.GetAsync(http, MockLlmApi.StatsPath)).Json;
        Assert.Equal(1, stats.GetProperty("by_outcome").GetProperty("hung").GetInt32());
        Assert.True(stats.GetProperty("wait_ms_total").GetDouble() >= 59.5);
    }

    [Fact]
    public async Task A_hang_lasts_until_the_client_gives_up_and_is_counted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = server.NewHttpClient();
        await Http.PutAsync(admin, MockLlmApi.ConfigPath, """{"faults":{"hang_ms":600000}}""");
        await Http.PostAsync(admin, MockLlmApi.FailNextPath, """{"count":1,"kind":"hang"}""", ct);

        using var impatient = server.NewHttpClient(TimeSpan.FromMilliseconds(150));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => Http.PostAsync(impatient, MockLlmApi.ChatCompletionsPath, Chat, ct));

        // The mock notices the client left, stops waiting and counts the hang (poll, do not sleep a fixed time).
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        long hung = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            hung = (await Http.GetAsync(admin, MockLlmApi.StatsPath)).Json.GetProperty("by_outcome").GetProperty("hung").GetInt64();
            if (hung == 1) break;
            await Task.Delay(20, ct);
        }
        Assert.Equal(1, hung);
        var run = (await Http.GetAsync(admin, "admin/runs/fault-run")).Json;
        Assert.Equal(1, run.GetProperty("faults").GetInt32());
        Assert.InRange(run.GetProperty("wait_ms").GetDouble(), 100, 9_000);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(admin, MockLlmApi.ChatCompletionsPath, Chat, ct)).Status);
    }
}
