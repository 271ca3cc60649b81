using System.Net;
using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>The Anthropic Messages shape over raw HTTP, as the Anthropic SDKs send and read it.</summary>
public sealed class AnthropicMessagesTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Tools() => JsonSerializer.Serialize(BenchTools.Definitions.Select(d => new
    {
        name = d.Name,
        description = d.Description,
        input_schema = d.Parameters,
    }));

    private static string Request(string messages, bool stream = false) =>
        $$$"""{"model":"claude-mock","max_tokens":1024,"stream":{{{(stream ? "true" : "false")}}},"system":[{"type":"text","text":"Be brief."}],"temperature":0.5,"metadata":{"user_id":"u1"},"tools":{{{Tools()}}},"messages":{{{messages}}}}""";

    [Fact]
    public async Task Runs_a_tool_use_loop_with_tool_result_blocks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var messages = new List<object>
        {
            new { role = "user", content = "#bench tool_calls=2 parallel=2 reply_tokens=9 run=anthropic-loop\nWeather and a sum?" },
        };

        var first = await Http.PostAsync(http, "v1/messages", Request(JsonSerializer.Serialize(messages)), ct);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var reply = first.Json;
        Assert.Equal("message", reply.GetProperty("type").GetString());
        Assert.Equal("claude-mock", reply.GetProperty("model").GetString());
        Assert.Equal("tool_use", reply.GetProperty("stop_reason").GetString());
        Assert.StartsWith("msg_", reply.GetProperty("id").GetString());
        var uses = reply.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(2, uses.Count);

        var results = new List<object>();
        foreach (var use in uses)
        {
            Assert.Equal("tool_use", use.GetProperty("type").GetString());
            Assert.StartsWith("toolu_", use.GetProperty("id").GetString());
            var output = BenchTools.Prepare(use.GetProperty("name").GetString()!, use.GetProperty("input").GetRawText());
            Assert.False(output.Result.IsError, output.Result.Output);
            results.Add(new { type = "tool_result", tool_use_id = use.GetProperty("id").GetString(), content = output.Result.Output });
        }
        messages.Add(new { role = "assistant", content = uses });
        messages.Add(new { role = "user", content = results });

        var second = (await Http.PostAsync(http, "v1/messages", Request(JsonSerializer.Serialize(messages)), ct)).Json;
        Assert.Equal("end_turn", second.GetProperty("stop_reason").GetString());
        var text = Assert.Single(second.GetProperty("content").EnumerateArray());
        Assert.Equal(FinalAnswerText.Text(9), text.GetProperty("text").GetString());
        Assert.Equal(9, second.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.True(second.GetProperty("usage").GetProperty("input_tokens").GetInt32() > reply.GetProperty("usage").GetProperty("input_tokens").GetInt32());

        var run = (await Http.GetAsync(http, "admin/runs/anthropic-loop")).Json;
        Assert.Equal(2, run.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task Streams_tool_use_as_input_json_deltas_in_the_event_order_of_the_api()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var body = Request("""[{"role":"user","content":[{"type":"text","text":"#bench tool_calls=1 tool=get_weather tool_delay_ms=3"}]}]""", stream: true);
        var reply = await Http.PostAsync(http, "v1/messages", body, ct);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/event-stream", reply.Header("Content-Type"));
        var events = SseEvent.Parse(reply.Body);
        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name).Distinct());
        Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));

        var start = events.Single(e => e.Name == "content_block_start").Json.GetProperty("content_block");
        Assert.Equal("tool_use", start.GetProperty("type").GetString());
        Assert.Equal("get_weather", start.GetProperty("name").GetString());
        var json = string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Json.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal(3, BenchTools.Prepare("get_weather", json).DelayMs);

        var delta = events.Single(e => e.Name == "message_delta").Json;
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(events.Count(e => e.Name == "content_block_delta"), delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Streams_text_deltas_that_add_up_to_the_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var reply = await Http.PostAsync(http, "v1/messages", Request("""[{"role":"user","content":"#bench reply_tokens=30"}]""", stream: true), ct);
        var events = SseEvent.Parse(reply.Body);
        var text = string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Json.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(FinalAnswerText.Text(30), text);
        Assert.Equal("end_turn", events.Single(e => e.Name == "message_delta").Json.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_with_stop_reason_max_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var reply = (await Http.PostAsync(http, "v1/messages",
            """{"model":"m","max_tokens":4,"messages":[{"role":"user","content":"#bench reply_tokens=50"}]}""", ct)).Json;
        Assert.Equal("max_tokens", reply.GetProperty("stop_reason").GetString());
        Assert.Equal(4, reply.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task A_user_turn_holding_only_tool_results_is_not_the_newest_user_message()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        // Two tool results in two separate user turns after the directive: tool_calls=2 is reached.
        const string messages = """
            [{"role":"user","content":"#bench tool_calls=2 reply_tokens=3"},
             {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"calculator","input":{"expression":"1+1"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"2"}]}]},
             {"role":"assistant","content":[{"type":"text","text":"next"},{"type":"tool_use","id":"t2","name":"calculator","input":{"expression":"2+2"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"4","is_error":false}]}]
            """;
        var reply = (await Http.PostAsync(http, "v1/messages", Request(messages), ct)).Json;
        Assert.Equal("end_turn", reply.GetProperty("stop_reason").GetString());
        Assert.Equal(FinalAnswerText.Text(3), reply.GetProperty("content")[0].GetProperty("text").GetString());
    }
}
