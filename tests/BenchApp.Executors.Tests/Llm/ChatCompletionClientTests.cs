using System.Net;
using System.Text.Json;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;

namespace BenchApp.Executors.Tests.Llm;

public class ChatCompletionClientTests
{
    private static ChatCompletionClient Client(StubLlmHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://llm.test/v1/") }, "bench-model");

    [Fact]
    public async Task The_request_is_an_openai_chat_completion_with_history_and_the_contract_tools()
    {
        var handler = new StubLlmHandler().ReplyText("ok");
        List<ChatMessage> history =
        [
            ChatMessage.User("#bench tool_calls=1\nweather"),
            ChatMessage.Assistant(null, [new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")]),
            ChatMessage.ToolResult("call_1", "Oslo: 1°C"),
        ];

        await Client(handler).CompleteAsync(history, default, TestContext.Current.CancellationToken);

        var (method, uri, _, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("http://llm.test/v1/chat/completions", uri.ToString());
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("bench-model", root.GetProperty("model").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal("#bench tool_calls=1\nweather", messages[0].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("content").ValueKind);
        var call = messages[1].GetProperty("tool_calls")[0];
        Assert.Equal(("call_1", "function", "get_weather", "{\"city\":\"Oslo\"}"),
            (call.GetProperty("id").GetString(), call.GetProperty("type").GetString(),
             call.GetProperty("function").GetProperty("name").GetString(), call.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal(("tool", "call_1"), (messages[2].GetProperty("role").GetString(), messages[2].GetProperty("tool_call_id").GetString()));
        var tools = root.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["get_weather", "calculator"], tools);
    }

    [Fact]
    public async Task A_reply_with_tool_calls_and_usage_is_read()
    {
        var handler = new StubLlmHandler().Reply(HttpStatusCode.OK, """
            {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Lima\"}"}},
               {"id":"b","type":"function","function":{"name":"calculator","arguments":{"expression":"1+1"}}}]},"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":120,"completion_tokens":9}}
            """);

        var reply = await Client(handler).CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken);

        Assert.Null(reply.Message.Content);
        Assert.Equal([new ToolCall("a", "get_weather", "{\"city\":\"Lima\"}"), new ToolCall("b", "calculator", "{\"expression\":\"1+1\"}")], reply.Message.ToolCalls!);
        Assert.Equal((120L, 9L), (reply.InputTokens, reply.OutputTokens));
        Assert.True(reply.ElapsedMs >= 0);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, LlmFailureKind.RateLimited, true)]
    [InlineData(HttpStatusCode.InternalServerError, LlmFailureKind.ServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, LlmFailureKind.ServerError, true)]
    [InlineData(HttpStatusCode.RequestTimeout, LlmFailureKind.Timeout, true)]
    [InlineData(HttpStatusCode.BadRequest, LlmFailureKind.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, LlmFailureKind.BadRequest, false)]
    public async Task Http_errors_are_classified_for_retry(HttpStatusCode status, LlmFailureKind kind, bool retryable)
    {
        var handler = new StubLlmHandler().Reply(status, retryAfter: TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<LlmException>(() => Client(handler).CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken));
        Assert.Equal((kind, retryable), (e.Kind, e.IsRetryable));
        Assert.Equal($"HTTP {(int)status} from the LLM.", e.Message);
        if (kind == LlmFailureKind.RateLimited) Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"choices\":[{\"message\":{\"tool_calls\":[{\"type\":\"function\"}]}}]}")]
    public async Task A_reply_that_is_not_a_completion_is_malformed_and_not_retried(string body)
    {
        var handler = new StubLlmHandler().Reply(HttpStatusCode.OK, body);
        var e = await Assert.ThrowsAsync<LlmException>(() => Client(handler).CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken));
        Assert.Equal(LlmFailureKind.MalformedReply, e.Kind);
        Assert.False(e.IsRetryable);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        // Port 1 on loopback: nothing listens there.
        var client = new ChatCompletionClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/v1/") }, "m");
        var e = await Assert.ThrowsAsync<LlmException>(() => client.CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken));
        Assert.Equal(LlmFailureKind.Unreachable, e.Kind);
        Assert.True(e.IsRetryable);
    }
}
