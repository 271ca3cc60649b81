using System.Net;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

public sealed class AdminApiTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Chat(string directive) =>
        """{"model":"bench-model","messages":[{"role":"user","content":"DIRECTIVE"}],"tools":[{"type":"function","function":{"name":"calculator","parameters":{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}}}]}""".Replace("DIRECTIVE", directive);

    [Fact]
    public async Task Config_round_trips_in_snake_case()
    {
        using var http = server.NewHttpClient();
        const string config = """
            {"latency":{"ttft_ms":1.5,"per_token_ms":0.25,"jitter":{"distribution":"lognormal","stddev_ms":0,"sigma":0.3}},
             "faults":{"error_rate":0.1,"rate_limit_rate":0.2,"retry_after_seconds":2,"hang_rate":0,"hang_ms":1000},"seed":7}
            """;
        var put = await Http.PutAsync(http, MockLlmApi.ConfigPath, config);
        Assert.Equal(HttpStatusCode.OK, put.Status);

        var got = (await Http.GetAsync(http, MockLlmApi.ConfigPath)).Json;
        Assert.Equal(1.5, got.GetProperty("latency").GetProperty("ttft_ms").GetDouble());
        Assert.Equal("lognormal", got.GetProperty("latency").GetProperty("jitter").GetProperty("distribution").GetString());
        Assert.Equal(0.2, got.GetProperty("faults").GetProperty("rate_limit_rate").GetDouble());
        Assert.Equal(7, got.GetProperty("seed").GetInt64());

        // A PUT replaces the whole model: what is left out is back to its default.
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync(http, MockLlmApi.ConfigPath, """{"seed":3}""")).Status);
        got = (await Http.GetAsync(http, MockLlmApi.ConfigPath)).Json;
        Assert.Equal(0, got.GetProperty("latency").GetProperty("ttft_ms").GetDouble());
        Assert.Equal(0, got.GetProperty("faults").GetProperty("error_rate").GetDouble());
    }

    [Theory]
    [InlineData("""{"latency":{"ttft_ms":-1}}""", "latency.ttft_ms")]
    [InlineData("""{"latency":{"jitter":{"distribution":"uniform"}}}""", "latency.jitter.distribution")]
    [InlineData("""{"faults":{"error_rate":1.5}}""", "faults.error_rate")]
    [InlineData("""{"faults":{"error_rate":0.7,"hang_rate":0.7}}""", "faults")]
    [InlineData("""{"latency":{"ttft":5}}""", "latency.ttft")]
    [InlineData("""{"latency":{"ttft_ms":"fast"}}""", "latency.ttft_ms")]
    [InlineData("""{"seed":null}""", "seed")]
    [InlineData("""{"latency":null}""", "latency")]
    [InlineData("""{"latency":""", "body")]
    [InlineData("", "body")]
    public async Task Invalid_config_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var http = server.NewHttpClient();
        var before = (await Http.GetAsync(http, MockLlmApi.ConfigPath)).Body;
        var reply = await Http.PutAsync(http, MockLlmApi.ConfigPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("application/problem+json", reply.Header("Content-Type"));
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty(field, out _), reply.Body);
        Assert.Equal(before, (await Http.GetAsync(http, MockLlmApi.ConfigPath)).Body);
    }

    [Fact]
    public async Task Stats_count_requests_by_outcome_and_reset()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("hi"), ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("hi"), ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, "{", ct);
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":2,"kind":"error"}""", ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("hi"), ct);
        await Http.PostAsync(http, MockLlmApi.MessagesPath, """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", ct);

        var stats = (await Http.GetAsync(http, MockLlmApi.StatsPath)).Json;
        Assert.Equal(5, stats.GetProperty("requests").GetInt32());
        var byOutcome = stats.GetProperty("by_outcome");
        Assert.Equal(2, byOutcome.GetProperty("ok").GetInt32());
        Assert.Equal(2, byOutcome.GetProperty("error").GetInt32());
        Assert.Equal(1, byOutcome.GetProperty("bad_request").GetInt32());
        Assert.Equal(0, byOutcome.GetProperty("rate_limited").GetInt32());
        Assert.Equal(0, byOutcome.GetProperty("hung").GetInt32());
        Assert.Equal(0, stats.GetProperty("wait_ms_total").GetDouble());
        // How the mock itself was compiled, from its assembly: the same configuration as these tests.
        Assert.Equal(BenchApp.Contracts.Runs.BuildFlavor.Of(typeof(AdminApiTests).Assembly), stats.GetProperty("build").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(http, HttpMethod.Post, MockLlmApi.StatsResetPath, cancellationToken: ct)).Status);
        Assert.Equal(0, (await Http.GetAsync(http, MockLlmApi.StatsPath)).Json.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Runs_are_accounted_per_run_id_and_read_one_or_many()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        // run-a: tool call, then (one tool result) the answer; run-b: one plain answer.
        var first = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("#bench tool_calls=1 reply_tokens=5 run=run-a"), ct);
        var call = first.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        var followUp = $$$"""
            {"model":"bench-model","messages":[{"role":"user","content":"#bench tool_calls=1 reply_tokens=5 run=run-a"},
              {"role":"assistant","content":null,"tool_calls":[{{{call.GetRawText()}}}]},
              {"role":"tool","tool_call_id":"{{{call.GetProperty("id").GetString()}}}","content":"14"}]}
            """;
        var second = await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, followUp, ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("#bench run=run-b reply_tokens=2"), ct);

        var a = (await Http.GetAsync(http, "admin/runs/run-a")).Json;
        Assert.Equal("run-a", a.GetProperty("run").GetString());
        Assert.Equal(2, a.GetProperty("requests").GetInt32());
        Assert.Equal(2, a.GetProperty("llm_calls").GetInt32());
        Assert.Equal(0, a.GetProperty("faults").GetInt32());
        Assert.Equal(
            first.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + second.Json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(),
            a.GetProperty("input_tokens").GetInt32());
        Assert.Equal(
            first.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32() + 5,
            a.GetProperty("output_tokens").GetInt32());

        Assert.Equal((0, 0), (a.GetProperty("repeated_llm_calls").GetInt32(), a.GetProperty("repeated_tool_calls").GetInt32()));

        // The executor asks the first step again (as after a crash): LLM work done twice, its one tool call re-issued.
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, Chat("#bench tool_calls=1 reply_tokens=5 run=run-a"), ct);
        var again = (await Http.GetAsync(http, "admin/runs/run-a")).Json;
        Assert.Equal((3, 1, 1), (again.GetProperty("llm_calls").GetInt32(), again.GetProperty("repeated_llm_calls").GetInt32(), again.GetProperty("repeated_tool_calls").GetInt32()));

        var many = (await Http.GetAsync(http, "admin/runs?ids=run-b,unknown,run-a")).Json.GetProperty("runs");
        Assert.Equal(["run-b", "run-a"], many.EnumerateArray().Select(r => r.GetProperty("run").GetString()));

        var missing = await Http.GetAsync(http, "admin/runs/unknown");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(404, missing.Json.GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(http, HttpMethod.Delete, MockLlmApi.RunsPath, cancellationToken: ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(http, "admin/runs/run-a")).Status);
    }

    [Fact]
    public async Task Run_queries_are_bounded_and_checked()
    {
        using var http = server.NewHttpClient();
        var tooMany = string.Join(',', Enumerable.Range(0, 1001).Select(i => $"r{i}"));
        var reply = await Http.GetAsync(http, $"admin/runs?ids={tooMany}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty("ids", out _));

        var thousand = string.Join(',', Enumerable.Range(0, 1000).Select(i => $"r{i}"));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(http, $"admin/runs?ids={thousand}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(http, "admin/runs?ids=a,b%20c")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync(http, "admin/runs")).Status);
    }

    [Fact]
    public async Task Fail_next_is_validated_and_reports_what_is_pending()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = server.NewHttpClient();
        var bad = await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":2,"kind":"explode"}""", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Json.GetProperty("errors").TryGetProperty("kind", out _));

        var set = await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":4,"kind":"rate_limit"}""", ct);
        Assert.Equal(4, set.Json.GetProperty("count").GetInt32());
        Assert.Equal("rate_limit", (await Http.GetAsync(http, MockLlmApi.FailNextPath)).Json.GetProperty("kind").GetString());
    }
}
