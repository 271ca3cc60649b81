using System.Diagnostics;
using System.Net;
using BenchApp.Executors.Agent;
using BenchApp.Executors.InProc;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Tests.Llm;

namespace BenchApp.Executors.Tests.Agent;

/// <summary>The spans a run leaves, with the OpenTelemetry GenAI names.</summary>
public class AgentTelemetryTests
{
    [Fact]
    public async Task A_run_with_a_tool_call_leaves_chat_and_execute_tool_spans_under_invoke_agent()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var stub = new StubLlmHandler().Reply(HttpStatusCode.OK, """
            {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]}}],
             "usage":{"prompt_tokens":5,"completion_tokens":1}}
            """).ReplyText("sunny", 9, 1);
        var effects = new InProcAgentEffects(new ChatCompletionClient(new HttpClient(stub) { BaseAddress = new Uri("http://llm.test/v1/") }, "bench-model"));
        var session = "telemetry-" + Guid.NewGuid().ToString("N");

        using (AgentTelemetry.StartRun("dotnet-inproc", session))
            await AgentLoop.RunAsync([ChatMessage.User("weather")], 5, effects, TestContext.Current.CancellationToken);

        List<Activity> mine;
        lock (spans) mine = spans.Where(s => s.RootId == spans.Single(r => (string?)r.GetTagItem("gen_ai.conversation.id") == session).RootId).ToList();
        var run = mine.Single(s => s.DisplayName == "invoke_agent dotnet-inproc");
        Assert.Equal(["chat bench-model", "execute_tool get_weather", "chat bench-model"],
            mine.Where(s => s != run).OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName));
        Assert.All(mine.Where(s => s != run), s => Assert.Equal(run.SpanId, s.ParentSpanId));
        var lastChat = mine.Where(s => s.DisplayName.StartsWith("chat", StringComparison.Ordinal)).OrderBy(s => s.StartTimeUtc).Last();
        Assert.Equal(("chat", 9L, 1L), ((string?)lastChat.GetTagItem("gen_ai.operation.name"), (long?)lastChat.GetTagItem("gen_ai.usage.input_tokens"), (long?)lastChat.GetTagItem("gen_ai.usage.output_tokens")));
        Assert.Equal("c1", mine.Single(s => s.DisplayName.StartsWith("execute_tool", StringComparison.Ordinal)).GetTagItem("gen_ai.tool.call.id"));
    }
}
