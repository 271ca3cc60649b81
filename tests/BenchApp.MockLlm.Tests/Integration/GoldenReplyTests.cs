using System.Text.Json;
using System.Text.RegularExpressions;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>
/// What our own clients get, byte for byte (ids and timestamps masked): representative OpenAI and Anthropic
/// requests, whole and streamed, against replies frozen in <c>Golden/</c>. A change here is a change every
/// executor sees. Set <c>BENCH_WRITE_GOLDEN=1</c> to rewrite the files deliberately.
/// </summary>
public sealed partial class GoldenReplyTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string OpenAiTools() => JsonSerializer.Serialize(BenchTools.Definitions.Select(d => new
    {
        type = "function",
        function = new { name = d.Name, description = d.Description, parameters = d.Parameters },
    }));

    private static string AnthropicTools() => JsonSerializer.Serialize(BenchTools.Definitions.Select(d => new
    {
        name = d.Name,
        description = d.Description,
        input_schema = d.Parameters,
    }));

    private const string Directive = "#bench tool_calls=3 parallel=2 reply_tokens=5 tool_delay_ms=7 run=golden";

    public static TheoryData<string> Cases() => new(
        "openai-tool-calls", "openai-tool-calls-stream", "openai-final", "openai-final-stream",
        "anthropic-tool-calls", "anthropic-tool-calls-stream", "anthropic-final");

    private static (string Path, string Body) Request(string name)
    {
        var openAi = name.StartsWith("openai", StringComparison.Ordinal);
        var stream = name.EndsWith("-stream", StringComparison.Ordinal) ? "true" : "false";
        var final = name.Contains("final", StringComparison.Ordinal);
        if (openAi)
        {
            var messages = final
                ? $$$"""[{"role":"system","content":"Be brief."},{"role":"user","content":"{{{Directive}}}\nWeather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"c2","type":"function","function":{"name":"calculator","arguments":"{\"expression\":\"1+1\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"sunny"},{"role":"tool","tool_call_id":"c2","content":"2"},{"role":"assistant","content":null,"tool_calls":[{"id":"c3","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},{"role":"tool","tool_call_id":"c3","content":"rain"}]"""
                : $$$"""[{"role":"system","content":"Be brief."},{"role":"user","content":"{{{Directive}}}\nWeather?"}]""";
            return (MockLlmApi.ChatCompletionsPath,
                $$"""{"model":"bench-model","stream":{{stream}},"stream_options":{{(stream == "true" ? """{"include_usage":true}""" : "null")}},"tools":{{OpenAiTools()}},"messages":{{messages}}}""");
        }
        var anthropicMessages = final
            ? $$$"""[{"role":"user","content":"{{{Directive}}}\nWeather?"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"t2","name":"calculator","input":{"expression":"1+1"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"sunny"},{"type":"tool_result","tool_use_id":"t2","content":"2"}]},{"role":"assistant","content":[{"type":"tool_use","id":"t3","name":"get_weather","input":{"city":"Oslo"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t3","content":"rain"}]}]"""
            : $$$"""[{"role":"user","content":"{{{Directive}}}\nWeather?"}]""";
        return (MockLlmApi.MessagesPath,
            $$"""{"model":"bench-model","max_tokens":256,"stream":{{stream}},"system":"Be brief.","tools":{{AnthropicTools()}},"messages":{{anthropicMessages}}}""");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_clients_get_the_same_bytes_as_before(string name)
    {
        using var http = server.NewHttpClient();
        var (path, body) = Request(name);
        var reply = await Http.PostAsync(http, path, body, TestContext.Current.CancellationToken);
        var actual = Mask(reply.Body);

        var file = Path.Combine(RepoPaths.Root()!, "tests", "BenchApp.MockLlm.Tests", "Golden", name + ".txt");
        if (Environment.GetEnvironmentVariable("BENCH_WRITE_GOLDEN") == "1") await File.WriteAllTextAsync(file, actual, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(file), $"golden file {file} is missing");
        Assert.Equal(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), actual);
    }

    private static string Mask(string body) => Created().Replace(Ids().Replace(body, "$1ID"), "\"created\":0");

    [GeneratedRegex("(chatcmpl-|call_|msg_|toolu_|req_)[0-9A-Za-z]{24}")]
    private static partial Regex Ids();

    [GeneratedRegex("\"created\":[0-9]+")]
    private static partial Regex Created();
}
