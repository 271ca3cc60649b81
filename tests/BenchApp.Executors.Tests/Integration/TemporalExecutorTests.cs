using System.Net;
using System.Net.Http.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>dotnet-temporal end to end against a real Temporal server; skipped, with the reason, when none is reachable.</summary>
public class TemporalExecutorTests(TemporalStack stack) : IClassFixture<TemporalStack>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ExecutorProcess Executor => stack.Executor;

    private static string Run() => "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Info_is_truthful_and_health_sees_the_server()
    {
        stack.SkipIfUnavailable();
        var info = await Executor.Http.GetFromJsonAsync<ExecutorInfo>("v1/info", ContractJson.Options, Ct);
        Assert.NotNull(info);
        Assert.Equal(("dotnet-temporal", "temporal", "1.21.1", true, "temporal", Executor.Pid),
            (info.Executor, info.Framework, info.FrameworkVersion, info.Durable, info.StateStore, info.Pid));
        Assert.Equal(1000, info.Settings!["max_cached_workflows"].GetInt32());
        using var health = await Executor.Http.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Simple_chat_and_tool_calls_run_as_activities()
    {
        stack.SkipIfUnavailable();
        using var simple = await Executor.PostRunAsync(new { message = "#bench reply_tokens=4\nhi" }, Ct);
        var chat = await simple.ReadRunAsync(Ct);
        Assert.Matches("^[0-9a-f]{32}$", chat.SessionId);
        Assert.Equal((1, 1, 0, 4), (chat.Iterations, chat.LlmCalls, chat.ToolCalls, chat.Output.Split(' ').Length));

        var run = Run();
        using var tools = await Executor.PostRunAsync(new { message = $"#bench tool_calls=3 parallel=3 run={run}\nweather" }, Ct);
        var withTools = await tools.ReadRunAsync(Ct);
        Assert.Equal((2, 2, 3, StopReasons.Completed), (withTools.Iterations, withTools.LlmCalls, withTools.ToolCalls, withTools.StopReason));
        Assert.Equal(2, (await stack.Mock.RunAsync(run, Ct))!.LlmCalls);
        Assert.True(withTools.TimingsMs.State >= 0 && withTools.TimingsMs.Total >= withTools.TimingsMs.Llm);

        // state_bytes from the workflow's history: it grows with the turn, and counts its events.
        var state = withTools.StateBytes!;
        Assert.True(state.Turn > 0 && state.Session >= state.Turn && state.Events > 10, $"state_bytes {state}");
    }

    [Fact]
    public async Task A_hung_llm_past_the_run_timeout_is_504_from_the_workflows_own_deadline()
    {
        stack.SkipIfUnavailable();
        // Run timeout 6 s, attempts of 2 s: the second attempt is still hanging when the workflow's deadline passes.
        await using var executor = await stack.StartExecutorAsync(new Dictionary<string, string?>
        {
            ["Executor__RunTimeout"] = "00:00:06",
            ["Executor__Llm__AttemptTimeout"] = "00:00:02",
        });
        await stack.Mock.FailNextAsync(5, FaultKinds.Hang, Ct);
        using var response = await executor.PostRunAsync(new { message = "#bench\nhang" }, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Ct);
        Assert.StartsWith("No final answer within 6 s", problem.Detail);
        Assert.DoesNotContain("The run failed.", executor.Output);
    }

    [Fact]
    public async Task Turns_carry_the_history_across_continue_as_new()
    {
        stack.SkipIfUnavailable();
        // A bound of 20 history events: the session's workflow continues as new every couple of turns.
        await using var executor = await stack.StartExecutorAsync(new Dictionary<string, string?> { ["Executor__Temporal__MaxHistoryEvents"] = "20" });
        string? session = null;
        var inputTokens = new List<long>();
        for (var turn = 1; turn <= 5; turn++)
        {
            var run = Run();
            using var response = await executor.PostRunAsync(new { message = $"#bench tool_calls=1 run={run}\nturn {turn}", session_id = session }, Ct);
            var result = await response.ReadRunAsync(Ct);
            session ??= result.SessionId;
            Assert.Equal(session, result.SessionId);
            inputTokens.Add((await stack.Mock.RunAsync(run, Ct))!.InputTokens);
        }
        for (var i = 1; i < inputTokens.Count; i++)
            Assert.True(inputTokens[i] > inputTokens[i - 1], $"input tokens per turn: {string.Join(", ", inputTokens)}");
    }

    [Fact]
    public async Task An_unknown_session_is_404_and_bad_input_is_400()
    {
        stack.SkipIfUnavailable();
        using var unknown = await Executor.PostRunAsync(new { message = "hi", session_id = "never_started" }, Ct);
        await unknown.ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        using var bad = await Executor.Http.PostRawAsync("{\"message\":\"hi\",\"max_iterations\":0}", "application/json", Ct);
        Assert.Equal(["max_iterations"], (await bad.ReadProblemAsync(HttpStatusCode.BadRequest, Ct)).Errors!.Keys);
    }

    [Fact]
    public async Task Llm_errors_are_retried_by_temporal_and_then_502()
    {
        stack.SkipIfUnavailable();
        var run = Run();
        await stack.Mock.FailNextAsync(2, FaultKinds.Error, Ct);
        using var recovered = await Executor.PostRunAsync(new { message = $"#bench run={run}\nflaky" }, Ct);
        Assert.Equal(1, (await recovered.ReadRunAsync(Ct)).LlmCalls);
        Assert.Equal(3, (await stack.Mock.RunAsync(run, Ct))!.Requests);

        await stack.Mock.FailNextAsync(3, FaultKinds.Error, Ct);
        using var failed = await Executor.PostRunAsync(new { message = "#bench\ndoomed" }, Ct);
        Assert.Equal("HTTP 500 from the LLM after 3 attempts.", (await failed.ReadProblemAsync(HttpStatusCode.BadGateway, Ct)).Detail);
    }

    [Fact]
    public async Task A_session_survives_a_crash_of_the_executor()
    {
        stack.SkipIfUnavailable();
        var first = await stack.StartExecutorAsync();
        using var opened = await first.PostRunAsync(new { message = "#bench reply_tokens=3\nremember me" }, Ct);
        var session = (await opened.ReadRunAsync(Ct)).SessionId;
        await first.DisposeAsync(); // killed, not stopped

        await using var second = await stack.StartExecutorAsync();
        var run = Run();
        using var next = await second.PostRunAsync(new { message = $"#bench run={run}\nstill there?", session_id = session }, Ct);
        var result = await next.ReadRunAsync(Ct);
        Assert.Equal(session, result.SessionId);
        using var fresh = await second.PostRunAsync(new { message = $"#bench\nstill there?" }, Ct);
        Assert.True(result.Usage.InputTokens > (await fresh.ReadRunAsync(Ct)).Usage.InputTokens, "the turn after the crash must read the turn before it");
    }

    [Fact]
    public async Task A_turn_in_flight_when_its_worker_dies_is_finished_by_the_next_worker()
    {
        stack.SkipIfUnavailable();
        var first = await stack.StartExecutorAsync();
        using var opened = await first.PostRunAsync(new { message = "#bench reply_tokens=3\nopen" }, Ct);
        var session = (await opened.ReadRunAsync(Ct)).SessionId;
        // A turn of slow tools, then the worker dies mid-turn: its caller loses the connection...
        var inFlight = first.PostRunAsync(new { message = "#bench tool_calls=4 tool_delay_ms=500\nslow", session_id = session }, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await first.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => inFlight);

        // ...but Temporal finishes the turn on the next worker (heartbeat timeout, then a retry), so the next turn sees it.
        await using var second = await stack.StartExecutorAsync();
        using var next = await second.PostRunAsync(new { message = "#bench\nafter", session_id = session }, Ct);
        Assert.Equal(session, (await next.ReadRunAsync(Ct)).SessionId);
    }
}
