using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BenchApp.Contracts.Runs;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>
/// dotnet-inproc when its dependencies fail: a real redis-server of its own frozen (SIGSTOP) and killed, a real
/// mock LLM stopped. Each run ends within the state-store bound with 503 dependency-unavailable naming redis
/// (502 naming the LLM), /health says what fails, and the first run after the dependency returns succeeds.
/// </summary>
public sealed class InProcDependencyFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2); // Executor__StateStoreTimeout given below
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5); // scheduling on a shared machine; a hang takes the 20 s run timeout

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string? _unavailable;
    private RedisServer _redis = null!;
    private MockLlmServer _mock = null!;
    private ExecutorProcess _executor = null!;

    public async ValueTask InitializeAsync()
    {
        _unavailable = RedisServer.UnavailableReason() ?? MockLlmServer.UnavailableReason();
        if (_unavailable is not null) return;
        _redis = await RedisServer.StartAsync();
        _mock = await MockLlmServer.StartAsync();
        _executor = await ExecutorProcess.StartAsync("inproc", new Dictionary<string, string?>
        {
            ["LLM_BASE_URL"] = _mock.OpenAiBaseUri.ToString(),
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["Executor__StateStoreTimeout"] = "00:00:02",
            ["Executor__RunTimeout"] = "00:00:20",
            ["Executor__Llm__InitialBackoff"] = "00:00:00.050",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_executor is not null) await _executor.DisposeAsync();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_frozen_redis_is_a_bounded_503_naming_redis_and_the_first_run_after_it_succeeds()
    {
        Skip();
        var first = await (await _executor.PostRunAsync(new { message = "#bench tool_calls=0\nHello" }, Ct)).ReadRunAsync(Ct);
        await _redis.FreezeAsync();
        try
        {
            // Loading a known session's history, and saving a new session's.
            await AssertRedisUnavailableAsync(new { message = "Again", session_id = first.SessionId }, "redis did not answer within 2 s.");
            await AssertRedisUnavailableAsync(new { message = "#bench tool_calls=1\nNew" }, "redis did not answer within 2 s.");
            var started = Stopwatch.GetTimestamp();
            var health = await HealthAsync();
            Assert.True(Stopwatch.GetElapsedTime(started) < Bound + Slack, $"/health took {Stopwatch.GetElapsedTime(started)}");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "unhealthy", "redis"), health);
        }
        finally
        {
            await _redis.ThawAsync();
        }

        await (await _executor.PostRunAsync(new { message = "After", session_id = first.SessionId }, Ct)).ReadRunAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task A_killed_redis_is_a_bounded_503_naming_redis_and_runs_succeed_once_it_is_back()
    {
        Skip();
        var first = await (await _executor.PostRunAsync(new { message = "Hello" }, Ct)).ReadRunAsync(Ct);
        var port = _redis.Port;
        await _redis.DisposeAsync();

        await AssertRedisUnavailableAsync(new { message = "Again", session_id = first.SessionId }, "redis");
        await AssertRedisUnavailableAsync(new { message = "New" }, "redis");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unhealthy", "redis"), await HealthAsync());

        _redis = await RedisServer.StartAsync(port); // empty: the old session is gone, new ones must work
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
        while ((await HealthAsync()).Status != HttpStatusCode.OK)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "/health did not return to 200 within 15 s of Redis returning");
            await Task.Delay(100, Ct);
        }
        await (await _executor.PostRunAsync(new { message = "After" }, Ct)).ReadRunAsync(Ct);
    }

    [Fact]
    public async Task A_stopped_llm_is_a_502_naming_the_llm()
    {
        Skip();
        await (await _executor.PostRunAsync(new { message = "Hello" }, Ct)).ReadRunAsync(Ct);
        await _mock.DisposeAsync();

        var started = Stopwatch.GetTimestamp();
        using var response = await _executor.PostRunAsync(new { message = "Hello again" }, Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadGateway, Ct);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15));
        Assert.Equal("https://benchapp.dev/problems/llm-unavailable", problem.Type);
        Assert.Contains("LLM", problem.Detail);
        Assert.Null(problem.Dependency);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "unhealthy", "llm"), await HealthAsync());
    }

    private void Skip()
    {
        if (_unavailable is not null) Assert.Skip(_unavailable);
    }

    private async Task AssertRedisUnavailableAsync(object body, string detail)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _executor.PostRunAsync(body, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable, Ct);
        Assert.Equal(("https://benchapp.dev/problems/dependency-unavailable", "A dependency is unavailable.", "redis"), (problem.Type, problem.Title, problem.Dependency));
        Assert.Contains(detail, problem.Detail);
        Assert.True(elapsed < Bound + Slack, $"answered after {elapsed.TotalSeconds:0.00} s");
    }

    private async Task<(HttpStatusCode Status, string Health, string Failing)> HealthAsync()
    {
        using var response = await _executor.Http.GetAsync("health", Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        return (response.StatusCode, root.GetProperty("status").GetString()!,
            string.Join(",", root.GetProperty("failing").EnumerateArray().Select(e => e.GetString())));
    }
}
