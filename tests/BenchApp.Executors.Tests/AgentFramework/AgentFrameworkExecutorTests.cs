using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Tests.Integration;
using RedisServer = BenchApp.TestSupport.RedisServer;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>dotnet-agent-framework end to end: a real redis-server, the real mock LLM, the executor as its own process.</summary>
public class AgentFrameworkExecutorTests(AgentFrameworkStack stack) : IClassFixture<AgentFrameworkStack>
{
    private const string KeyPrefix = "bench:dotnet-agent-framework:session:";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ExecutorProcess Executor => stack.Executor;

    private static string Run() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static JsonElement[] StoredMessages(JsonDocument session) =>
        [.. session.RootElement.GetProperty("stateBag").GetProperty("InMemoryChatHistoryProvider").GetProperty("messages").EnumerateArray()];

    [Fact]
    public async Task Info_is_truthful_and_records_the_settings()
    {
        stack.SkipIfUnavailable();
        var info = await Executor.Http.GetFromJsonAsync<ExecutorInfo>("v1/info", ContractJson.Options, Ct);
        Assert.NotNull(info);
        Assert.Equal(("dotnet-agent-framework", "csharp", "microsoft-agent-framework", "1.28.0", false, "redis"),
            (info.Executor, info.Language, info.Framework, info.FrameworkVersion, info.Durable, info.StateStore));
        Assert.Equal(Executor.Pid, info.Pid);
#if DEBUG
        Assert.Equal("debug", info.Build);
#else
        Assert.Equal("release", info.Build);
#endif
        var settings = info.Settings!;
        Assert.Equal(50, settings["function_invocation_maximum_iterations_per_request"].GetInt32());
        Assert.True(settings["function_invocation_allow_concurrent_invocation"].GetBoolean());
        Assert.Equal(3, settings["llm_max_attempts"].GetInt32());
        Assert.Equal(3600, settings["session_ttl_s"].GetDouble());
        Assert.All(settings.Values, v => Assert.Contains(v.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False }));
    }

    [Fact]
    public async Task Health_reports_the_llm_and_redis_reachable()
    {
        stack.SkipIfUnavailable();
        using var response = await Executor.Http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Simple_chat_is_one_llm_call_and_the_session_is_stored_with_a_ttl()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        using var response = await Executor.PostRunAsync(new { message = $"#bench reply_tokens=5 run={run}\nHello" }, Ct);
        var result = await response.ReadRunAsync(Ct);

        Assert.Matches("^[0-9a-f]{32}$", result.SessionId);
        Assert.Equal(StopReasons.Completed, result.StopReason);
        Assert.Equal(5, result.Output.Split(' ').Length);
        Assert.Equal((1, 1, 0), (result.Iterations, result.LlmCalls, result.ToolCalls));
        var mock = await stack.Mock.RunAsync(run, Ct);
        Assert.Equal((1L, mock!.InputTokens, mock.OutputTokens), (mock.LlmCalls, result.Usage.InputTokens, result.Usage.OutputTokens));
        Assert.True(result.TimingsMs.State > 0 && result.TimingsMs.Llm > 0);

        var db = stack.Redis.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync(KeyPrefix + result.SessionId);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        byte[] stored = (await db.StringGetAsync(KeyPrefix + result.SessionId))!;
        Assert.Equal(new StateBytes(stored.Length, stored.Length), result.StateBytes);
        using var session = JsonDocument.Parse(stored);
        Assert.Equal(["user", "assistant"], StoredMessages(session).Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Three_tool_calls_are_four_llm_calls()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        using var response = await Executor.PostRunAsync(new { message = $"#bench tool_calls=3 run={run}\nweather" }, Ct);
        var result = await response.ReadRunAsync(Ct);
        Assert.Equal((4, 4, 3, StopReasons.Completed), (result.Iterations, result.LlmCalls, result.ToolCalls, result.StopReason));
        var mock = await stack.Mock.RunAsync(run, Ct);
        Assert.Equal((4L, mock!.InputTokens, mock.OutputTokens), (mock.LlmCalls, result.Usage.InputTokens, result.Usage.OutputTokens));
    }

    [Fact]
    public async Task Three_parallel_tool_calls_run_in_one_step()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        using var response = await Executor.PostRunAsync(new { message = $"#bench tool_calls=3 parallel=3 tool_delay_ms=200 run={run}\nweather" }, Ct);
        var result = await response.ReadRunAsync(Ct);
        Assert.Equal((2, 2, 3), (result.Iterations, result.LlmCalls, result.ToolCalls));
        Assert.Equal(2, (await stack.Mock.RunAsync(run, Ct))!.LlmCalls);
        // One step of three 200 ms calls: about 200 ms when they overlap (AllowConcurrentInvocation), 600 ms one by one.
        Assert.InRange(result.TimingsMs.Tool, 199, 550);
    }

    [Fact]
    public async Task Max_iterations_cuts_the_turn_at_exactly_that_many_llm_calls()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        using var cut = await Executor.PostRunAsync(new { message = $"#bench tool_calls=5 run={run}\nmore than allowed", max_iterations = 2 }, Ct);
        var stopped = await cut.ReadRunAsync(Ct);
        Assert.Equal((2, 2, 2, StopReasons.MaxIterations), (stopped.Iterations, stopped.LlmCalls, stopped.ToolCalls, stopped.StopReason));
        // The mock's ledger: two requests, no third tools-stripped call (FICC's own limit would have made one).
        var mock = await stack.Mock.RunAsync(run, Ct);
        Assert.Equal((2L, 2L), (mock!.Requests, mock.LlmCalls));

        // The history ends with the tool results, so the session goes on.
        using var stored = JsonDocument.Parse((byte[])(await stack.Redis.GetDatabase().StringGetAsync(KeyPrefix + stopped.SessionId))!);
        Assert.Equal("tool", StoredMessages(stored)[^1].GetProperty("role").GetString());
        using var next = await Executor.PostRunAsync(new { message = "#bench reply_tokens=3\nsum up", session_id = stopped.SessionId }, Ct);
        Assert.Equal(StopReasons.Completed, (await next.ReadRunAsync(Ct)).StopReason);
    }

    [Fact]
    public async Task Five_turns_carry_the_growing_history_to_the_llm()
    {
        stack.SkipIfUnavailable();
        string? session = null;
        var inputTokens = new List<long>();
        var sessionBytes = new List<long>();
        for (var turn = 1; turn <= 5; turn++)
        {
            var run = Run();
            using var response = await Executor.PostRunAsync(new { message = $"#bench tool_calls=1 reply_tokens=8 run={run}\nturn {turn}", session_id = session }, Ct);
            var result = await response.ReadRunAsync(Ct);
            if (session is not null) Assert.Equal(session, result.SessionId);
            session = result.SessionId;
            var mock = await stack.Mock.RunAsync(run, Ct);
            Assert.Equal(2, mock!.LlmCalls);
            inputTokens.Add(mock.InputTokens);
            sessionBytes.Add(result.StateBytes!.Session!.Value);
        }

        for (var i = 1; i < inputTokens.Count; i++)
        {
            Assert.True(inputTokens[i] > inputTokens[i - 1], $"input tokens per turn: {string.Join(", ", inputTokens)}");
            Assert.True(sessionBytes[i] > sessionBytes[i - 1], $"session bytes per turn: {string.Join(", ", sessionBytes)}");
        }
        using var stored = JsonDocument.Parse((byte[])(await stack.Redis.GetDatabase().StringGetAsync(KeyPrefix + session))!);
        Assert.Equal(5 * 4, StoredMessages(stored).Length); // user, tool call, tool result, answer per turn: no turn stored twice
    }

    [Fact]
    public async Task The_mock_is_found_by_service_discovery_as_the_apphost_passes_it()
    {
        stack.SkipIfUnavailable();
        // OpenAIClientOptions.Endpoint = https+http://mock-llm/v1, resolved by the HttpClient's service-discovery handler.
        await using var executor = await stack.StartExecutorAsync(serviceDiscovery: true);
        var run = Run();
        using var response = await executor.PostRunAsync(new { message = $"#bench tool_calls=1 run={run}\nvia discovery" }, Ct);
        Assert.Equal(2, (await response.ReadRunAsync(Ct)).LlmCalls);
        Assert.Equal(2, (await stack.Mock.RunAsync(run, Ct))!.LlmCalls);
    }

    [Fact]
    public async Task An_unknown_session_is_404()
    {
        stack.SkipIfUnavailable();
        using var response = await Executor.PostRunAsync(new { message = "hi", session_id = "no_such_session" }, Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(("https://benchapp.dev/problems/session-not-found", "No session 'no_such_session'."), (problem.Type, problem.Detail));
    }

    [Fact]
    public async Task Llm_errors_are_retried_by_the_sdk_and_after_the_last_attempt_the_run_is_502()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        await stack.Mock.FailNextAsync(2, FaultKinds.Error, Ct);
        using var recovered = await Executor.PostRunAsync(new { message = $"#bench run={run}\nflaky" }, Ct);
        var result = await recovered.ReadRunAsync(Ct);
        var mock = await stack.Mock.RunAsync(run, Ct);
        Assert.Equal((1, 3L, 2L, 1L), (result.LlmCalls, mock!.Requests, mock.Faults, mock.LlmCalls));

        var doomed = Run();
        await stack.Mock.FailNextAsync(3, FaultKinds.Error, Ct);
        using var failed = await Executor.PostRunAsync(new { message = $"#bench run={doomed}\ndoomed" }, Ct);
        var problem = await failed.ReadProblemAsync(HttpStatusCode.BadGateway, Ct);
        Assert.Equal(("https://benchapp.dev/problems/llm-unavailable", "HTTP 500 from the LLM after 3 attempts."), (problem.Type, problem.Detail));
        // Exactly the 3 attempts of the SDK's ClientRetryPolicy: no resilience handler of service defaults stacked on it.
        Assert.Equal(3L, (await stack.Mock.RunAsync(doomed, Ct))!.Requests);
    }

    [Fact]
    public async Task A_hanging_llm_is_504_after_the_attempt_timeouts()
    {
        stack.SkipIfUnavailable();
        await using var executor = await stack.StartExecutorAsync(new Dictionary<string, string?>
        {
            ["Executor__Llm__AttemptTimeout"] = "00:00:01",
            ["Executor__Llm__MaxAttempts"] = "2",
        });
        await stack.Mock.FailNextAsync(2, FaultKinds.Hang, Ct);

        var started = Stopwatch.GetTimestamp();
        using var response = await executor.PostRunAsync(new { message = "#bench\nhangs" }, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var problem = await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Ct);
        Assert.Equal(("https://benchapp.dev/problems/timeout", "The LLM did not answer in time after 2 attempts."), (problem.Type, problem.Detail));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Redis_killed_is_503_naming_redis_within_the_bound_and_health_says_so()
    {
        stack.SkipIfUnavailable();
        var redis = await RedisServer.StartAsync();
        await using var executor = await stack.StartExecutorAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["Executor__StateStoreTimeout"] = "00:00:01",
        });
        using var first = await executor.PostRunAsync(new { message = "#bench\nbefore" }, Ct);
        var session = (await first.ReadRunAsync(Ct)).SessionId;

        await redis.DisposeAsync();
        var started = Stopwatch.GetTimestamp();
        using var response = await executor.PostRunAsync(new { message = "#bench\nafter", session_id = session }, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable, Ct);
        Assert.Equal(("https://benchapp.dev/problems/dependency-unavailable", "redis"), (problem.Type, problem.Dependency));
        Assert.StartsWith("redis ", problem.Detail);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        using var health = await executor.Http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
