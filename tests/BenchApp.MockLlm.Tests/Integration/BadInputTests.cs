using System.Net;
using System.Text;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>Every kind of bad input is a 400 in the provider's own error shape, naming what is wrong; never a 500.</summary>
public sealed class BadInputTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    private const string Tool = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static TheoryData<string, string, string?> OpenAiCases() => new()
    {
        { """{"model":"m","messages":[""", "could not parse the JSON body", "body" },
        { "", "could not parse the JSON body", "body" },
        { "[1,2]", "must be a JSON object", null },
        { """{"messages":[{"role":"user","content":"hi"}]}""", "model", "model" },
        { """{"model":"m"}""", "Missing required parameter: 'messages'", "messages" },
        { """{"model":"m","messages":[]}""", "empty array", "messages" },
        { """{"model":"m","messages":"hello"}""", "expected an array, but got a string", "messages" },
        { """{"model":"m","messages":[{"role":"wizard","content":"hi"}]}""", "Invalid value: 'wizard'", "messages.[0].role" },
        { """{"model":"m","messages":[{"content":"hi"}]}""", "messages.[0].role", "messages.[0].role" },
        { """{"model":"m","messages":[{"role":"user","content":5}]}""", "expected a string or an array, but got an integer", "messages.[0].content" },
        { """{"model":"m","messages":[{"role":"user"}]}""", "messages.[0].content", "messages.[0].content" },
        { """{"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages.[0].content.[0].text", "messages.[0].content.[0].text" },
        { """{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "tool_call_id", "messages.[0].tool_call_id" },
        { """{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}]}""", "arguments", "messages.[0].tool_calls.[0].function.arguments" },
        { """{"model":"m","stream":"yes","messages":[{"role":"user","content":"hi"}]}""", "expected a boolean", "stream" },
        { """{"model":"m","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""", "expected a number", "temperature" },
        { """{"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n must be 1", "n" },
        { """{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "minimum", "max_tokens" },
        { """{"model":"m","tools":{},"messages":[{"role":"user","content":"hi"}]}""", "expected an array", "tools" },
        { """{"model":"m","tools":[{"type":"function","function":{}}],"messages":[{"role":"user","content":"hi"}]}""", "tools[0].function.name", "tools[0].function.name" },
        { """{"model":"m","tool_choice":"sometimes","messages":[{"role":"user","content":"hi"}]}""", "'sometimes'", "tool_choice" },
        { $$$"""{"model":"m","tools":[{{{Tool}}}],"tool_choice":{"type":"function","function":{"name":"search"}},"messages":[{"role":"user","content":"hi"}]}""", "'search'", "tool_choice" },
        { """{"model":"m","messages":[{"role":"user","content":"#bench tool_calls=-1"}]}""", "#bench: tool_calls must be an integer", "messages" },
        { """{"model":"m","messages":[{"role":"user","content":"#bench colour=blue"}]}""", "unknown key 'colour'", "messages" },
        { $$$"""{"model":"m","tools":[{{{Tool}}}],"messages":[{"role":"user","content":"#bench tool_calls=2 tool=calculator"}]}""", "'calculator' is not among", "messages" },
        { new string('[', 200) + new string(']', 200), "could not parse the JSON body", "body" },
    };

    [Theory]
    [MemberData(nameof(OpenAiCases))]
    public async Task OpenAi_bad_input_is_a_400_in_openai_error_shape(string body, string expected, string? param)
    {
        using var http = server.NewHttpClient();
        var reply = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Json.GetProperty("error");
        Assert.Contains(expected, error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.True(error.TryGetProperty("code", out _));
        Assert.Equal(0, reply.WaitMs);
    }

    public static TheoryData<string, string> AnthropicCases() => new()
    {
        { "{not json", "could not parse the JSON body" },
        { """{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model: Field required" },
        { """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Field required" },
        { """{"model":"m","max_tokens":"ten","messages":[{"role":"user","content":"hi"}]}""", "max_tokens: Input should be a valid integer" },
        { """{"model":"m","max_tokens":10}""", "messages: Field required" },
        { """{"model":"m","max_tokens":10,"messages":[{"role":"system","content":"hi"}]}""", "messages.0.role: Input should be 'user' or 'assistant'" },
        { """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":42}]}""", "messages.0.content" },
        { """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result"}]}]}""", "tool_use_id" },
        { """{"model":"m","max_tokens":10,"tools":[{"name":"t"}],"messages":[{"role":"user","content":"hi"}]}""", "tools.0.input_schema: Field required" },
        { """{"model":"m","max_tokens":10,"tool_choice":{"type":"maybe"},"messages":[{"role":"user","content":"hi"}]}""", "tool_choice.type" },
    };

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public async Task Anthropic_bad_input_is_a_400_in_anthropic_error_shape(string body, string expected)
    {
        using var http = server.NewHttpClient();
        var reply = await Http.PostAsync(http, MockLlmApi.MessagesPath, body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("error", reply.Json.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", reply.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(expected, reply.Json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(reply.Header("request-id"), reply.Json.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_for_both_providers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var small = MockLlmServer.WithSettings(new Dictionary<string, string?> { ["MockLlm:MaxRequestBodyBytes"] = "4096" });
        using var http = small.NewHttpClient();
        var big = $$$"""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"{{{new string('x', 5000)}}}"}]}""";

        var openAi = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, big, ct);
        Assert.Equal(HttpStatusCode.BadRequest, openAi.Status);
        Assert.Contains("larger than the limit of 4096 bytes", openAi.Json.GetProperty("error").GetProperty("message").GetString());

        // Chunked (no Content-Length): the limit holds while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, MockLlmApi.MessagesPath.TrimStart('/'))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        chunked.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(chunked, ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request_error", await response.Content.ReadAsStringAsync(ct));

        var fine = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", ct);
        Assert.Equal(HttpStatusCode.OK, fine.Status);
    }

    [Fact]
    public async Task Bad_requests_are_counted_and_unknown_paths_get_a_provider_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await http.PostAsync("admin/stats/reset", null, ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, "nope", ct);
        await Http.PostAsync(http, MockLlmApi.MessagesPath, "{}", ct);

        var stats = (await Http.GetAsync(http, MockLlmApi.StatsPath)).Json;
        Assert.Equal(2, stats.GetProperty("by_outcome").GetProperty("bad_request").GetInt32());

        var missing = await Http.PostAsync(http, "v1/completions", "{}", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("unknown_url", missing.Json.GetProperty("error").GetProperty("code").GetString());

        var wrongMethod = await Http.GetAsync(http, MockLlmApi.ChatCompletionsPath);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
    }
}
