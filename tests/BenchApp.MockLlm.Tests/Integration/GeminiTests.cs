using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>The Gemini API shape over raw HTTP, as @google/genai and google-genai send and read it.</summary>
public sealed class GeminiTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    private const string Generate = "v1beta/models/bench-model:generateContent";
    private const string StreamSse = "v1beta/models/bench-model:streamGenerateContent?alt=sse";
    private const string StreamArray = "v1beta/models/bench-model:streamGenerateContent";

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The contract tools as @google/genai sends them: JSON Schema in <c>parametersJsonSchema</c>.</summary>
    private static JsonArray Tools() =>
    [
        new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(BenchTools.Definitions.Select(d => (JsonNode)new JsonObject
            {
                ["name"] = d.Name,
                ["description"] = d.Description,
                ["parametersJsonSchema"] = JsonNode.Parse(d.Parameters.GetRawText()),
            }).ToArray()),
        },
    ];

    private static JsonObject Body(JsonArray contents, JsonArray? tools = null, JsonObject? generationConfig = null) => new()
    {
        ["contents"] = contents,
        ["systemInstruction"] = new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = "You are an agent." }) },
        ["tools"] = tools ?? Tools(),
        ["generationConfig"] = generationConfig ?? new JsonObject(),
    };

    private static JsonObject UserText(string text) => new() { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) };

    private Task<RawReply> PostAsync(HttpClient http, string path, JsonNode body) => Http.PostAsync(http, path, body.ToJsonString(), Ct);

    [Fact]
    public async Task Runs_a_function_call_loop_with_parallel_calls_ids_and_function_responses()
    {
        using var http = server.NewHttpClient();
        var contents = new JsonArray(UserText("#bench tool_calls=3 parallel=2 reply_tokens=6 tool_delay_ms=4 run=gemini-loop\nWeather, then a sum?"));
        var ids = new HashSet<string>();
        var calls = 0;
        JsonElement reply;
        while (true)
        {
            var answer = await PostAsync(http, Generate, Body(contents.DeepClone().AsArray()));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.StartsWith("application/json", answer.Header("Content-Type"));
            reply = answer.Json;
            calls++;
            var candidate = Assert.Single(reply.GetProperty("candidates").EnumerateArray());
            Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
            Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
            Assert.Equal("bench-model", reply.GetProperty("modelVersion").GetString());
            Assert.False(string.IsNullOrEmpty(reply.GetProperty("responseId").GetString()));
            var usage = reply.GetProperty("usageMetadata");
            Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32() + usage.GetProperty("candidatesTokenCount").GetInt32(),
                usage.GetProperty("totalTokenCount").GetInt32());

            var parts = candidate.GetProperty("content").GetProperty("parts").EnumerateArray().ToList();
            if (!parts[0].TryGetProperty("functionCall", out _))
            {
                Assert.Equal(FinalAnswerText.Text(6), Assert.Single(parts).GetProperty("text").GetString());
                Assert.Equal(6, usage.GetProperty("candidatesTokenCount").GetInt32());
                break;
            }

            var responses = new JsonArray();
            foreach (var part in parts)
            {
                var call = part.GetProperty("functionCall");
                var id = call.GetProperty("id").GetString()!;
                Assert.True(ids.Add(id), $"duplicate id {id}");
                var name = call.GetProperty("name").GetString()!;
                Assert.Equal(JsonValueKind.Object, call.GetProperty("args").ValueKind);
                var prepared = BenchTools.Prepare(name, call.GetProperty("args").GetRawText());
                Assert.False(prepared.Result.IsError, prepared.Result.Output);
                Assert.Equal(4, prepared.DelayMs);
                responses.Add(new JsonObject
                {
                    ["functionResponse"] = new JsonObject { ["id"] = id, ["name"] = name, ["response"] = new JsonObject { ["result"] = prepared.Result.Output } },
                });
            }
            contents.Add(JsonNode.Parse(candidate.GetProperty("content").GetRawText()));
            contents.Add(new JsonObject { ["role"] = "user", ["parts"] = responses });
        }

        Assert.Equal(3, calls); // 2 + 1 calls, then the answer
        Assert.Equal(3, ids.Count);
        var run = (await Http.GetAsync(http, "admin/runs/gemini-loop")).Json;
        Assert.Equal(3, run.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task Streams_server_sent_events_whose_text_adds_up_with_finish_and_usage_last()
    {
        using var http = server.NewHttpClient();
        var reply = await PostAsync(http, StreamSse, Body([UserText("#bench reply_tokens=5")]));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/event-stream", reply.Header("Content-Type"));
        var chunks = SseEvent.Parse(reply.Body).Select(e => e.Json).ToList();
        Assert.Equal(5, chunks.Count);
        var text = string.Concat(chunks.Select(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal(FinalAnswerText.Text(5), text);
        Assert.All(chunks.Take(4), c => Assert.False(c.GetProperty("candidates")[0].TryGetProperty("finishReason", out _)));
        Assert.All(chunks.Take(4), c => Assert.False(c.TryGetProperty("usageMetadata", out _)));
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(5, chunks[^1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
        Assert.Single(chunks.Select(c => c.GetProperty("responseId").GetString()).Distinct());
    }

    [Fact]
    public async Task Streams_each_function_call_whole_in_its_own_chunk()
    {
        using var http = server.NewHttpClient();
        var reply = await PostAsync(http, StreamSse, Body([UserText("#bench tool_calls=2 parallel=2")]));
        var chunks = SseEvent.Parse(reply.Body).Select(e => e.Json).ToList();

        Assert.Equal(2, chunks.Count);
        var names = chunks.Select(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall").GetProperty("name").GetString());
        Assert.Equal([WeatherTool.Name, CalculatorTool.Name], names);
        Assert.Equal("STOP", chunks[1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.True(chunks[1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32() > 0);
    }

    [Fact]
    public async Task Streams_one_json_array_without_alt_sse()
    {
        using var http = server.NewHttpClient();
        var reply = await PostAsync(http, StreamArray, Body([UserText("#bench reply_tokens=3")]));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("application/json", reply.Header("Content-Type"));
        var chunks = reply.Json.EnumerateArray().ToList();
        Assert.Equal(3, chunks.Count);
        Assert.Equal(FinalAnswerText.Text(3), string.Concat(chunks.Select(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString())));
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    [InlineData("query-sse")]
    [InlineData("none")]
    public async Task Any_api_key_is_accepted_from_the_header_or_the_query(string where)
    {
        using var http = server.NewHttpClient();
        var path = where switch { "query" => Generate + "?key=AIza-mock", "query-sse" => StreamArray + "?key=AIza-mock&alt=sse", _ => Generate };
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(Body([UserText("#bench reply_tokens=2")]).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (where == "header") request.Headers.Add("x-goog-api-key", "AIza-mock");
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(where == "query-sse" ? "data: " : "\"candidates\"", body);
    }

    [Fact]
    public async Task Openapi_parameters_with_upper_case_types_get_valid_args_and_tool_config_is_followed()
    {
        using var http = server.NewHttpClient();
        // @google/adk 2.0 FunctionTool with a zod schema: `parameters` in Gemini's OpenAPI subset.
        var tools = JsonNode.Parse("""
            [{"functionDeclarations":[{"name":"get_weather","description":"Weather","parameters":{"type":"OBJECT","properties":{
              "city":{"type":"STRING","minLength":"1","maxLength":"100"},
              "unit":{"type":"STRING","enum":["celsius","fahrenheit"]},
              "delay_ms":{"type":"INTEGER","minimum":0,"maximum":10000}},"required":["city"]}},
             {"name":"calculator","parameters":{"type":"OBJECT","properties":{"expression":{"type":"STRING"}},"required":["expression"]}}]}]
            """)!.AsArray();
        var forced = Body([UserText("#bench tool_calls=1 tool_delay_ms=3")], tools);
        forced["toolConfig"] = JsonNode.Parse("""{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["calculator"]}}""");
        var call = (await PostAsync(http, Generate, forced)).Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall");
        Assert.Equal(CalculatorTool.Name, call.GetProperty("name").GetString());

        var weather = (await PostAsync(http, Generate, Body([UserText("#bench tool_calls=1 tool=get_weather tool_delay_ms=3")], JsonNode.Parse(tools.ToJsonString())!.AsArray())))
            .Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall");
        var prepared = BenchTools.Prepare(WeatherTool.Name, weather.GetProperty("args").GetRawText());
        Assert.False(prepared.Result.IsError, prepared.Result.Output);
        Assert.Equal(3, prepared.DelayMs);

        var none = Body([UserText("#bench tool_calls=1 reply_tokens=2")]);
        none["toolConfig"] = JsonNode.Parse("""{"functionCallingConfig":{"mode":"NONE"}}""");
        var text = (await PostAsync(http, Generate, none)).Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        Assert.Equal(FinalAnswerText.Text(2), text.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_request_without_tools_and_a_prefixed_directive_gets_the_final_answer()
    {
        using var http = server.NewHttpClient();
        var body = new JsonObject { ["contents"] = new JsonArray(new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = "Task: #bench tool_calls=2 reply_tokens=4 run=gemini-notools" }) }) };
        var reply = (await PostAsync(http, Generate, body)).Json;
        Assert.Equal(FinalAnswerText.Text(4), reply.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(1, (await Http.GetAsync(http, "admin/runs/gemini-notools")).Json.GetProperty("llm_calls").GetInt32());
    }

    [Fact]
    public async Task Max_output_tokens_cuts_the_answer_with_finish_reason_max_tokens()
    {
        using var http = server.NewHttpClient();
        var reply = (await PostAsync(http, Generate, Body([UserText("#bench reply_tokens=50")], generationConfig: new JsonObject { ["maxOutputTokens"] = 4 }))).Json;
        Assert.Equal("MAX_TOKENS", reply.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(4, reply.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
    }

    [Fact]
    public async Task Faults_use_googles_error_shape_with_retry_info()
    {
        using var http = server.NewHttpClient();
        var body = Body([UserText("#bench run=gemini-faults reply_tokens=2")]);

        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"rate_limit_rate":1,"retry_after_seconds":2.5}}""");
        var limited = await PostAsync(http, Generate, body);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("3", limited.Header("Retry-After"));
        var error = limited.Json.GetProperty("error");
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        var retry = error.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.RetryInfo");
        Assert.Equal("2.5s", retry.GetProperty("retryDelay").GetString());

        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"error_rate":1}}""");
        var failed = await PostAsync(http, StreamSse, body);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.StartsWith("application/json", failed.Header("Content-Type"));
        Assert.Equal("INTERNAL", failed.Json.GetProperty("error").GetProperty("status").GetString());

        await server.ResetAsync();
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":1,"kind":"unavailable"}""", Ct);
        var overloaded = await PostAsync(http, Generate, body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overloaded.Status);
        Assert.Equal(503, overloaded.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("UNAVAILABLE", overloaded.Json.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, Generate, body)).Status);

        await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"faults":{"hang_ms":30}}""");
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":1,"kind":"hang"}""", Ct);
        var hung = await PostAsync(http, Generate, body);
        Assert.Equal(HttpStatusCode.GatewayTimeout, hung.Status);
        Assert.Equal("DEADLINE_EXCEEDED", hung.Json.GetProperty("error").GetProperty("status").GetString());

        var run = (await Http.GetAsync(http, "admin/runs/gemini-faults")).Json;
        Assert.Equal(2, run.GetProperty("faults").GetInt32());
        Assert.Equal(1, run.GetProperty("llm_calls").GetInt32());
    }

    public static TheoryData<string, string> BadInput() => new()
    {
        { "{", "body" },
        { "[]", "" },
        { """{"generationConfig":{}}""", "contents" },
        { """{"contents":[]}""", "contents" },
        { """{"contents":{}}""", "contents" },
        { """{"contents":[{"role":"wizard","parts":[{"text":"hi"}]}]}""", "contents[0].role" },
        { """{"contents":[{"role":"user"}]}""", "contents[0].parts" },
        { """{"contents":[{"role":"user","parts":[{}]}]}""", "contents[0].parts[0].data" },
        { """{"contents":[{"role":"user","parts":[{"text":5}]}]}""", "contents[0].parts[0].text" },
        { """{"contents":[{"role":"model","parts":[{"functionCall":{"args":{}}}]}]}""", "contents[0].parts[0].functionCall.name" },
        { """{"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":"ok"}}]}]}""", "contents[0].parts[0].functionResponse.response" },
        { """{"contents":[{"parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"description":"x"}]}]}""", "tools[0].functionDeclarations[0].name" },
        { """{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":"many"}}""", "generationConfig.maxOutputTokens" },
        { """{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"candidateCount":2}}""", "generationConfig.candidateCount" },
        { """{"contents":[{"parts":[{"text":"hi"}]}],"toolConfig":{"functionCallingConfig":{"mode":"SOMETIMES"}}}""", "toolConfig.functionCallingConfig.mode" },
        { """{"contents":[{"parts":[{"text":"#bench tool_calls=lots"}]}]}""", "contents" },
        { """{"contents":[{"parts":[{"text":"#bench tool_calls=1 tool=search"}]}],"tools":[{"functionDeclarations":[{"name":"f"}]}]}""", "contents" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_invalid_argument_naming_the_field(string body, string field)
    {
        using var http = server.NewHttpClient();
        var reply = await Http.PostAsync(http, Generate, body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Json.GetProperty("error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field.Length > 0)
        {
            var violation = error.GetProperty("details")[0];
            Assert.Equal("type.googleapis.com/google.rpc.BadRequest", violation.GetProperty("@type").GetString());
            Assert.Equal(field, violation.GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        }
        Assert.Equal(0, reply.WaitMs);
    }

    [Fact]
    public async Task The_v1_api_version_of_google_genai_3_is_served_beside_openais_v1()
    {
        using var http = server.NewHttpClient();
        var v1 = await PostAsync(http, "v1/models/bench-model:generateContent", Body([UserText("#bench reply_tokens=2")]));
        Assert.Equal(HttpStatusCode.OK, v1.Status);
        Assert.Equal(FinalAnswerText.Text(2), v1.Json.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        var v1Stream = await PostAsync(http, "v1/models/bench-model:streamGenerateContent?alt=sse", Body([UserText("#bench reply_tokens=2")]));
        Assert.Equal(2, SseEvent.Parse(v1Stream.Body).Count);

        var get = await Http.GetAsync(http, "v1/models/bench-model:generateContent");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.Equal("INVALID_ARGUMENT", get.Json.GetProperty("error").GetProperty("status").GetString());
        var openAiModel = await Http.GetAsync(http, "v1/models/gpt-4o-mini");
        Assert.Equal("gpt-4o-mini", openAiModel.Json.GetProperty("id").GetString());
        var other = await Http.PostAsync(http, "v1/models/bench-model", "{}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal("unknown_url", other.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_methods_are_a_404_and_get_a_405_in_googles_shape()
    {
        using var http = server.NewHttpClient();
        var unknown = await Http.PostAsync(http, "v1beta/models/bench-model:countTokens", "{}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.Json.GetProperty("error").GetProperty("status").GetString());
        var elsewhere = await Http.GetAsync(http, "v1beta/cachedContents");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
        var get = await Http.GetAsync(http, Generate);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.Equal("INVALID_ARGUMENT", get.Json.GetProperty("error").GetProperty("status").GetString());
        var badAlt = await Http.PostAsync(http, StreamArray + "?alt=proto", Body([UserText("hi")]).ToJsonString(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badAlt.Status);
    }
}
