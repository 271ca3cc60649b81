using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>dotnet-inproc end to end: a real redis-server, the real mock LLM, the executor as its own process.</summary>
public class InProcExecutorTests(InProcStack stack) : IClassFixture<InProcStack>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ExecutorProcess Executor => stack.Executor;

    private static string Run() => "r" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Info_is_truthful()
    {
        stack.SkipIfUnavailable();
        var info = await Executor.Http.GetFromJsonAsync<ExecutorInfo>("v1/info", ContractJson.Options, Ct);
        Assert.NotNull(info);
        Assert.Equal(("dotnet-inproc", "csharp", "none", "-", false, "redis"),
            (info.Executor, info.Language, info.Framework, info.FrameworkVersion, info.Durable, info.StateStore));
        Assert.Equal(Executor.Pid, info.Pid);
        Assert.Equal(Environment.Version.ToString(), info.RuntimeVersion);
        // Built in the same configuration as these tests; the flag is the compiled assembly's.
        Assert.Equal(BuildFlavor.Of(typeof(InProcExecutorTests).Assembly), info.Build);
    }

    [Fact]
    public async Task Health_reports_the_llm_and_redis_reachable()
    {
        stack.SkipIfUnavailable();
        using var response = await Executor.Http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var alive = await Executor.Http.GetAsync("alive", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Simple_chat_answers_in_one_llm_call_and_stores_the_history_with_a_ttl()
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
        Assert.NotNull(mock);
        Assert.Equal((1L, mock.InputTokens, mock.OutputTokens), (mock.LlmCalls, result.Usage.InputTokens, result.Usage.OutputTokens));
        Assert.True(result.TimingsMs.Total + 0.002 >= result.TimingsMs.Llm + result.TimingsMs.State, $"{result.TimingsMs}"); // each rounded to 1 µs
        Assert.True(result.TimingsMs.State > 0);

        // One key per session, the whole history (user + assistant), expiring.
        var key = "bench:dotnet-inproc:session:" + result.SessionId;
        var db = stack.Redis.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        using var stored = JsonDocument.Parse((string)(await db.StringGetAsync(key))!);
        Assert.Equal(["user", "assistant"], stored.RootElement.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        // state_bytes: the one SET of the turn is the whole stored value.
        var size = await db.StringLengthAsync(key);
        Assert.Equal(new StateBytes(size, size), result.StateBytes);
    }

    [Fact]
    public async Task Tool_calls_run_in_parallel_steps()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        using var response = await Executor.PostRunAsync(new { message = $"#bench tool_calls=4 parallel=2 tool_delay_ms=200 run={run}\nweather" }, Ct);
        var result = await response.ReadRunAsync(Ct);

        // 2 tool steps + the answer.
        Assert.Equal((3, 3, 4), (result.Iterations, result.LlmCalls, result.ToolCalls));
        Assert.Equal(3, (await stack.Mock.RunAsync(run, Ct))!.LlmCalls);
        // Two steps of two 200 ms calls: about 400 ms when a step's calls overlap, 800 ms if they ran one by one.
        Assert.InRange(result.TimingsMs.Tool, 399, 700);
    }

    [Fact]
    public async Task Five_turns_carry_the_growing_history_to_the_llm()
    {
        stack.SkipIfUnavailable();
        string? session = null;
        var inputTokens = new List<long>();
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
        }

        // The LLM saw every earlier turn: what it read grew turn after turn.
        for (var i = 1; i < inputTokens.Count; i++)
            Assert.True(inputTokens[i] > inputTokens[i - 1], $"input tokens per turn: {string.Join(", ", inputTokens)}");
        var stored = await stack.Redis.GetDatabase().StringGetAsync("bench:dotnet-inproc:session:" + session);
        using var history = JsonDocument.Parse((string)stored!);
        Assert.Equal(5 * 4, history.RootElement.GetArrayLength()); // user, tool call, tool result, answer per turn
    }

    [Fact]
    public async Task Ten_iterations_complete_and_an_eleventh_is_cut()
    {
        stack.SkipIfUnavailable();
        using var ten = await Executor.PostRunAsync(new { message = "#bench tool_calls=9\nten iterations", max_iterations = 10 }, Ct);
        var completed = await ten.ReadRunAsync(Ct);
        Assert.Equal((10, 10, 9, StopReasons.Completed), (completed.Iterations, completed.LlmCalls, completed.ToolCalls, completed.StopReason));

        using var cut = await Executor.PostRunAsync(new { message = "#bench tool_calls=20\nmore than allowed", max_iterations = 10 }, Ct);
        var stopped = await cut.ReadRunAsync(Ct);
        Assert.Equal((10, 10, 10, StopReasons.MaxIterations), (stopped.Iterations, stopped.LlmCalls, stopped.ToolCalls, stopped.StopReason));

        // The cut session is still valid: its history ends with tool results, so the next turn works.
        using var next = await Executor.PostRunAsync(new { message = "#bench reply_tokens=3\nsum up", session_id = stopped.SessionId }, Ct);
        Assert.Equal(StopReasons.Completed, (await next.ReadRunAsync(Ct)).StopReason);
    }

    [Fact]
    public async Task Many_concurrent_sessions_each_keep_their_own_history()
    {
        stack.SkipIfUnavailable();
        const int sessions = 40;
        var first = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
        {
            using var response = await Executor.PostRunAsync(new { message = $"#bench tool_calls=1\nsession {i}" }, Ct);
            return await response.ReadRunAsync(Ct);
        }));
        Assert.Equal(sessions, first.Select(r => r.SessionId).Distinct().Count());

        // What the same message costs in a fresh session: a second turn must read more, its first turn.
        using var fresh = await Executor.PostRunAsync(new { message = "#bench reply_tokens=2\nagain" }, Ct);
        var alone = (await fresh.ReadRunAsync(Ct)).Usage.InputTokens;

        var second = await Task.WhenAll(first.Select(async r =>
        {
            using var response = await Executor.PostRunAsync(new { message = "#bench reply_tokens=2\nagain", session_id = r.SessionId }, Ct);
            return (Before: r, After: await response.ReadRunAsync(Ct));
        }));
        foreach (var (before, after) in second)
        {
            Assert.Equal(before.SessionId, after.SessionId);
            Assert.True(after.Usage.InputTokens > alone, $"second turn read {after.Usage.InputTokens} tokens, a fresh session {alone}");
        }
        var db = stack.Redis.GetDatabase();
        foreach (var r in first)
        {
            using var history = JsonDocument.Parse((string)(await db.StringGetAsync("bench:dotnet-inproc:session:" + r.SessionId))!);
            Assert.Equal(6, history.RootElement.GetArrayLength());
        }
    }

    [Fact]
    public async Task An_unknown_session_is_404()
    {
        stack.SkipIfUnavailable();
        using var response = await Executor.PostRunAsync(new { message = "hi", session_id = "no_such_session" }, Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal(("https://benchapp.dev/problems/session-not-found", "No session 'no_such_session'."), (problem.Type, problem.Detail));
    }

    [Theory]
    [InlineData("{\"message\":", "body")]
    [InlineData("[\"hi\"]", "body")]
    [InlineData("{}", "message")]
    [InlineData("{\"message\":7}", "message")]
    [InlineData("{\"message\":\"hi\",\"session_id\":\"a b\"}", "session_id")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":51}", "max_iterations")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":\"3\"}", "max_iterations")]
    public async Task Bad_input_is_400_naming_the_field(string body, string field)
    {
        stack.SkipIfUnavailable();
        using var response = await Executor.Http.PostRawAsync(body, "application/json", Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Equal([field], problem.Errors!.Keys);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_400_and_a_non_json_body_is_415()
    {
        stack.SkipIfUnavailable();
        var big = JsonSerializer.Serialize(new { message = "hi", padding = new string('x', ContractLimits.MaxBodyBytes) });
        using var tooBig = await Executor.Http.PostRawAsync(big, "application/json", Ct);
        Assert.Equal(["body"], (await tooBig.ReadProblemAsync(HttpStatusCode.BadRequest, Ct)).Errors!.Keys);

        using var text = await Executor.Http.PostRawAsync("{\"message\":\"hi\"}", "text/plain", Ct);
        await text.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Ct);

        using var wrongMethod = await Executor.Http.GetAsync("v1/runs", Ct);
        await wrongMethod.ReadProblemAsync(HttpStatusCode.MethodNotAllowed, Ct);
    }

    [Fact]
    public async Task Llm_errors_are_retried_and_after_the_last_attempt_the_run_is_502()
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
        Assert.Equal("https://benchapp.dev/problems/llm-unavailable", problem.Type);
        Assert.Equal("HTTP 500 from the LLM after 3 attempts.", problem.Detail);
        // Exactly our 3 attempts: no second resilience handler (service defaults' standard one) stacked on top.
        Assert.Equal((3L, 3L), ((await stack.Mock.RunAsync(doomed, Ct))!.Requests, (await stack.Mock.RunAsync(doomed, Ct))!.Faults));
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out()
    {
        stack.SkipIfUnavailable();
        await stack.Mock.FailNextAsync(1, FaultKinds.RateLimit, Ct);
        var started = Stopwatch.GetTimestamp();
        using var response = await Executor.PostRunAsync(new { message = "#bench\nbusy" }, Ct);
        var result = await response.ReadRunAsync(Ct);
        Assert.Equal(1, result.LlmCalls);
        // The mock said Retry-After: 1 (s); the retry waited for it rather than the 200 ms backoff.
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task The_mock_is_found_by_service_discovery_as_the_apphost_passes_it()
    {
        stack.SkipIfUnavailable();
        await using var executor = await stack.StartExecutorAsync(serviceDiscovery: true);
        var run = Run();
        using var response = await executor.PostRunAsync(new { message = $"#bench run={run}\nvia discovery" }, Ct);
        Assert.Equal(1, (await response.ReadRunAsync(Ct)).LlmCalls);
        Assert.Equal(1, (await stack.Mock.RunAsync(run, Ct))!.LlmCalls);
        using var health = await executor.Http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Nothing_runs_past_the_run_timeout()
    {
        stack.SkipIfUnavailable();
        await using var executor = await stack.StartExecutorAsync(new Dictionary<string, string?> { ["Executor__RunTimeout"] = "00:00:01.5" });
        await stack.Mock.FailNextAsync(1, FaultKinds.Hang, Ct);

        var started = Stopwatch.GetTimestamp();
        using var response = await executor.PostRunAsync(new { message = "#bench\nhangs" }, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var problem = await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Ct);
        Assert.Equal(("https://benchapp.dev/problems/timeout", "No final answer within 1.5 s."), (problem.Type, problem.Detail));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(10));
    }
}
