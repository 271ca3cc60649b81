using System.Text;
using System.Text.Json;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Tools;

namespace BenchApp.MockLlm.Benchmark;

/// <summary>The request each scenario sends, built once and reused for every request.</summary>
public static class Scenarios
{
    public const string Chat = "chat";
    public const string ChatTools = "chat-tools";
    public const string ChatStream = "chat-stream";
    public const string Messages = "messages";

    /// <summary>GET /v1/models: the floor of HTTP, routing and telemetry, with no completion work.</summary>
    public const string Models = "models";

    public static readonly IReadOnlyList<string> All = [Chat, ChatTools, ChatStream, Messages, Models];

    /// <summary>Path and body (null: a GET) of the scenario's request.</summary>
    public static (string Path, byte[]? Body) Request(string scenario) => scenario switch
    {
        Models => (MockLlmApi.ModelsPath, null),
        ChatTools => (MockLlmApi.ChatCompletionsPath, Json(new
        {
            model = MockLlmApi.ModelName,
            messages = new object[]
            {
                new { role = "system", content = "You are a benchmark agent." },
                new { role = "user", content = "#bench tool_calls=1 reply_tokens=16\nWhat is the weather in Paris?" },
            },
            tools = BenchTools.Definitions.Select(d => new
            {
                type = "function",
                function = new { name = d.Name, description = d.Description, parameters = d.Parameters },
            }),
        })),
        ChatStream => (MockLlmApi.ChatCompletionsPath, Json(new
        {
            model = MockLlmApi.ModelName,
            stream = true,
            stream_options = new { include_usage = true },
            messages = new object[] { new { role = "user", content = "#bench reply_tokens=16\nHello" } },
        })),
        Messages => (MockLlmApi.MessagesPath, Json(new
        {
            model = MockLlmApi.ModelName,
            max_tokens = 256,
            messages = new object[] { new { role = "user", content = "#bench reply_tokens=16\nHello" } },
        })),
        _ => (MockLlmApi.ChatCompletionsPath, Json(new
        {
            model = MockLlmApi.ModelName,
            messages = new object[]
            {
                new { role = "system", content = "You are a benchmark agent." },
                new { role = "user", content = "#bench reply_tokens=16\nHello" },
            },
        })),
    };

    private static byte[] Json(object value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value));
}
