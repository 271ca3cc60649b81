using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using BenchApp.Executors.AgentFramework;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>The real ChatClientAgent pipeline of the executor over a scripted leaf: the loop, its limit, history, telemetry.</summary>
public class AgentFrameworkLoopTests
{
    private const string Weather = "get_weather";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (AIAgent Agent, ScriptedChatClient Leaf) Agent(Func<int, IReadOnlyList<ChatMessage>, ChatResponse> script)
    {
        var leaf = new ScriptedChatClient(script);
        return (AgentFrameworkServiceExtensions.CreateAgent(leaf, "dotnet-agent-framework"), leaf);
    }

    private static async Task<(AgentResponse Response, AgentTurn Turn)> RunAsync(AIAgent agent, string message, int maxIterations, AgentSession? session = null)
    {
        var turn = new AgentTurn(maxIterations);
        var response = await agent.RunAsync(message, session, new AgentRunOptions { AdditionalProperties = turn.ToAdditionalProperties() }, Ct);
        return (response, turn);
    }

    [Fact]
    public async Task Max_iterations_is_exactly_that_many_llm_calls_and_the_last_tools_still_run()
    {
        var (agent, leaf) = Agent((_, _) => ScriptedChatClient.ToolCalls((Weather, """{"city":"Paris"}""")));
        var (response, turn) = await RunAsync(agent, "loop forever", maxIterations: 2);

        Assert.Equal(2, leaf.Requests.Count);
        Assert.Equal((2, 2, true), (turn.LlmCalls, turn.ToolCalls, turn.CutAtLimit));
        Assert.Equal(ChatRole.Tool, response.Messages[^1].Role);
        // Every call of the last reply has its result: the history is valid for the next turn.
        var calls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.CallId);
        var results = response.Messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.CallId);
        Assert.Equal(calls, results);
    }

    [Fact]
    public async Task At_one_iteration_every_call_of_the_only_reply_is_answered()
    {
        var (agent, leaf) = Agent((_, _) => ScriptedChatClient.ToolCalls((Weather, """{"city":"Oslo"}"""), ("calculator", """{"expression":"1+2"}"""), (Weather, """{"city":"Lima"}""")));
        var (response, turn) = await RunAsync(agent, "three at once", maxIterations: 1);

        Assert.Single(leaf.Requests);
        Assert.Equal((1, 3, true), (turn.LlmCalls, turn.ToolCalls, turn.CutAtLimit));
        var results = response.Messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.Result as string).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("3", results[1]);
    }

    [Fact]
    public async Task A_final_answer_completes_and_the_usage_is_the_sum_of_the_calls()
    {
        var (agent, leaf) = Agent((i, _) => i < 2 ? ScriptedChatClient.ToolCalls((Weather, """{"city":"Paris"}""")) : ScriptedChatClient.Answer("done here"));
        var (response, turn) = await RunAsync(agent, "two tools then answer", maxIterations: 10);

        Assert.Equal((3, 2, false), (turn.LlmCalls, turn.ToolCalls, turn.CutAtLimit));
        Assert.Equal("done here", AgentFrameworkExecutor.LastAssistantText(response.Messages));
        Assert.Equal((40L, 7L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value));
        Assert.Equal((40L, 7L), (turn.InputTokens, turn.OutputTokens));
        Assert.Equal(3, leaf.Requests.Count);
    }

    [Fact]
    public async Task Bad_arguments_go_back_to_the_llm_as_the_tools_error_text()
    {
        var (agent, leaf) = Agent((i, _) => i == 0 ? ScriptedChatClient.ToolCalls((Weather, """{"city":5}""")) : ScriptedChatClient.Answer("ok"));
        await RunAsync(agent, "bad call", maxIterations: 5);

        var result = leaf.Requests[1].SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Single();
        Assert.StartsWith("error: ", Assert.IsType<string>(result.Result));
    }

    [Fact]
    public async Task A_serialized_session_replays_its_history_once_before_the_new_message()
    {
        var (agent, leaf) = Agent((i, _) => i % 2 == 0 ? ScriptedChatClient.ToolCalls((Weather, """{"city":"Paris"}""")) : ScriptedChatClient.Answer("answer " + i));
        var session = await agent.CreateSessionAsync(Ct);
        await RunAsync(agent, "turn one", 10, session);

        var json = JsonSerializer.Serialize(await agent.SerializeSessionAsync(session, cancellationToken: Ct));
        using var doc = JsonDocument.Parse(json);
        var restored = await agent.DeserializeSessionAsync(doc.RootElement, cancellationToken: Ct);
        await RunAsync(agent, "turn two", 10, restored);

        var second = leaf.Requests[2];
        Assert.Equal(["user", "assistant", "tool", "assistant", "user"], second.Select(m => m.Role.Value));
        Assert.Equal(("turn one", "turn two"), (second[0].Text, second[^1].Text));
    }

    [Fact]
    public async Task Spans_are_invoke_agent_chat_and_execute_tool_and_each_llm_call_is_one_chat_metric()
    {
        using var parentSource = new ActivitySource("BenchApp.Tests.AgentFramework");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AgentFrameworkServiceExtensions.AgentSourceName or AgentFrameworkServiceExtensions.ChatSourceName or "BenchApp.Tests.AgentFramework",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var durations = new List<(string Meter, string? Operation)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "gen_ai.client.operation.duration" && instrument.Meter.Name == AgentFrameworkServiceExtensions.ChatSourceName) l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            string? operation = null;
            foreach (var tag in tags) if (tag.Key == "gen_ai.operation.name") operation = tag.Value as string;
            lock (durations) durations.Add((instrument.Meter.Name, operation));
        });
        meters.Start();

        var (agent, _) = Agent((i, _) => i == 0 ? ScriptedChatClient.ToolCalls((Weather, """{"city":"Paris"}""")) : ScriptedChatClient.Answer("fine"));
        string traceId;
        using (var parent = parentSource.StartActivity("test"))
        {
            traceId = parent!.TraceId.ToString();
            await RunAsync(agent, "telemetry", 10);
        }

        List<Activity> mine;
        lock (spans) mine = [.. spans.Where(s => s.TraceId.ToString() == traceId && s.Source.Name != "BenchApp.Tests.AgentFramework")];
        var invoke = Assert.Single(mine, s => s.DisplayName.StartsWith("invoke_agent dotnet-agent-framework", StringComparison.Ordinal));
        Assert.Equal(2, mine.Count(s => s.DisplayName == "chat bench-model" && s.ParentSpanId == invoke.SpanId));
        var tool = Assert.Single(mine, s => s.DisplayName == "execute_tool get_weather");
        Assert.Equal(invoke.SpanId, tool.ParentSpanId);
        lock (durations) Assert.Equal(2, durations.Count(d => d.Operation == "chat"));
    }

    [Fact]
    public void Tool_time_is_each_steps_span_so_concurrent_calls_overlap()
    {
        var turn = new AgentTurn(10);
        var f = Stopwatch.Frequency;
        turn.AddToolCall(0, 0, f / 10);          // step 0: [0, 100 ms] and [20, 80 ms] overlap
        turn.AddToolCall(0, f / 50, f / 50 * 4);
        turn.AddToolCall(1, f, f + f / 20);      // step 1: 50 ms
        Assert.Equal(3, turn.ToolCalls);
        Assert.Equal(150, turn.ToolMs, 6);
    }
}
