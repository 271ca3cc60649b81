using System.Net;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>
/// The Chat Completions wire format byte by byte where clients depend on it, with requests shaped like those
/// of the Python SDK, LangChain's ChatOpenAI, LiteLLM and CrewAI (content parts, nulls, extra fields).
/// </summary>
public sealed class OpenAiWireTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    private const string WeatherTool = """{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"properties":{"city":{"title":"City","type":"string"}},"required":["city"],"title":"get_weather","type":"object"},"strict":null}}""";

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Accepts_what_python_frameworks_send_and_echoes_the_model()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        // LangChain / LiteLLM style: nulls for unset options, n=1, parallel_tool_calls, stop as list, metadata,
        // an assistant turn with content null and tool_calls, a tool turn, content parts, names, unknown fields.
        var body = $$$"""
            {"model":"openai/bench-model","temperature":0.0,"top_p":null,"n":1,"stream":false,"stop":["Observation:"],
             "max_tokens":null,"max_completion_tokens":512,"parallel_tool_calls":true,"user":"u-1","metadata":{"k":"v"},
             "seed":7,"presence_penalty":0,"frequency_penalty":null,"logprobs":false,"response_format":null,
             "extra_body_field":{"anything":[1,2,3]},"tool_choice":"auto","tools":[{{{WeatherTool}}}],
             "messages":[
               {"role":"system","content":"You are helpful.","name":"sys"},
               {"role":"user","content":[{"type":"text","text":"#bench tool_calls=2 reply_tokens=6 run=py-1"},{"type":"text","text":"What is the weather?"}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},
               {"role":"tool","content":"Paris: 20C","tool_call_id":"call_1","name":"get_weather"},
               {"role":"assistant","content":"","tool_calls":[{"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}}]},
               {"role":"tool","content":[{"type":"text","text":"Oslo: 3C"}],"tool_call_id":"call_2"}]}
            """;
        var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, body, ct);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var json = reply.Json;
        Assert.Equal("openai/bench-model", json.GetProperty("model").GetString());
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString());
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(FinalAnswerText.Text(6), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(6, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.NotEmpty(reply.Header("x-request-id"));
        Assert.Equal(0, reply.WaitMs);
    }

    private const string StrictWeatherTool = """{"type":"function","function":{"name":"get_weather","description":"Weather","strict":true,"parameters":{"properties":{"city":{"title":"City","type":"string"},"unit":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Unit"},"delay_ms":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null,"title":"Delay Ms"}},"required":["city","unit","delay_ms"],"title":"get_weather","type":"object","additionalProperties":false}}}""";

    [Fact]
    public async Task A_crewai_shaped_turn_is_scripted_and_its_forced_final_answer_without_tools_is_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        // CrewAI: the directive after "Current Task: " on the same line, a strict schema (every property required,
        // optionals nullable), a developer message; after max_iter a last call with no tools at all.
        // JSON-escaped: the body holds "\n" escapes, the message real newlines.
        const string user = "\\nCurrent Task: #bench tool_calls=3 reply_tokens=5 tool_delay_ms=2 run=crew-1\\n\\nThis is the expected criteria for your final answer: an answer.";
        var first = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, $$$"""
            {"model":"bench-model","tools":[{{{StrictWeatherTool}}}],"messages":[{"role":"developer","content":"You are Bench."},{"role":"user","content":"{{{user}}}"}]}
            """, ct);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var call = Assert.Single(first.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        var args = call.GetProperty("function").GetProperty("arguments").GetString()!;
        Assert.Empty(Schemas.Validate(Schemas.Parse(StrictWeatherTool).GetProperty("function").GetProperty("parameters"), args));
        Assert.Equal("""{"city":"Paris","unit":null,"delay_ms":2}""", args);
        Assert.False(BenchApp.Contracts.Tools.BenchTools.Prepare("get_weather", args).Result.IsError);

        var forcedFinal = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, $$$"""
            {"model":"bench-model","messages":[{"role":"system","content":"You are Bench."},{"role":"user","content":"{{{user}}}"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"sunny"},
             {"role":"user","content":"Now it's time you MUST give your absolute best final answer."}]}
            """, ct);
        Assert.Equal(HttpStatusCode.OK, forcedFinal.Status);
        // The newest user message has no directive: the default answer, and no 400 for the missing tools.
        Assert.Equal("stop", forcedFinal.Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        var noTools = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, $$$"""
            {"model":"bench-model","messages":[{"role":"user","content":"{{{user}}}"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
            """, ct);
        Assert.Equal(FinalAnswerText.Text(5), noTools.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(2, (await Http.GetAsync(http, "admin/runs/crew-1")).Json.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task Streams_chunks_in_the_provider_format_with_usage_last_and_done()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var body = """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"#bench reply_tokens=4"}]}""";
        var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, body, ct);

        Assert.StartsWith("text/event-stream", reply.Header("Content-Type"));
        Assert.EndsWith("data: [DONE]\n\n", reply.Body);
        var events = SseEvent.Parse(reply.Body);
        Assert.All(events, e => Assert.Null(e.Name));
        var chunks = events.Take(events.Count - 1).Select(e => e.Json).ToList();
        Assert.Equal(1 + 4 + 1 + 1, chunks.Count); // role, 4 tokens, finish, usage
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(4, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task Streams_several_tool_calls_each_opened_with_id_and_name()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var body = $$$"""{"model":"m","stream":true,"tools":[{{{WeatherTool}}}],"messages":[{"role":"user","content":"#bench tool_calls=3 parallel=3"}]}""";
        var events = SseEvent.Parse((await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, body, ct)).Body);
        var deltas = events.Where(e => e.Data != "[DONE]")
            .Select(e => e.Json.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("tool_calls").EnumerateArray())
            .ToList();

        var opened = deltas.Where(d => d.TryGetProperty("id", out _)).ToList();
        Assert.Equal([0, 1, 2], opened.Select(d => d.GetProperty("index").GetInt32()));
        Assert.Equal(3, opened.Select(d => d.GetProperty("id").GetString()).Distinct().Count());
        foreach (var index in new[] { 0, 1, 2 })
        {
            var args = string.Concat(deltas.Where(d => d.GetProperty("index").GetInt32() == index)
                .Select(d => d.GetProperty("function").GetProperty("arguments").GetString()));
            Assert.Contains("\"city\"", args);
        }
        Assert.False(events[^2].Json.TryGetProperty("usage", out _), "no usage field without include_usage");
    }

    [Fact]
    public async Task Models_are_listed_and_any_model_can_be_read()
    {
        using var http = server.NewHttpClient();
        var list = await Http.GetAsync(http, "v1/models");
        Assert.Equal("list", list.Json.GetProperty("object").GetString());
        Assert.Equal(MockLlmApi.ModelName, list.Json.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("0", list.Header("x-mock-wait-ms"));
        var one = await Http.GetAsync(http, "v1/models/gpt-4o-mini");
        Assert.Equal("gpt-4o-mini", one.Json.GetProperty("id").GetString());
    }
}
