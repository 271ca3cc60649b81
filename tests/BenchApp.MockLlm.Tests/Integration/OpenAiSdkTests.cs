using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>The official OpenAI .NET client against the mock over real HTTP: it must not tell the difference.</summary>
public sealed class OpenAiSdkTests(MockLlmServer server) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    private const string Model = "bench-model";

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private OpenAIClientOptions Options() => new()
    {
        Endpoint = new Uri(server.BaseAddress, "v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromSeconds(30),
    };

    private ChatClient Client(string model = Model) => new(model, new ApiKeyCredential("mock-key"), Options());

    private static ChatCompletionOptions WithBenchTools()
    {
        var options = new ChatCompletionOptions();
        foreach (var tool in BenchTools.Definitions)
            options.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.ParametersJson)));
        return options;
    }

    [Fact]
    public async Task Runs_a_tool_loop_with_parallel_calls_to_the_scripted_final_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Client("bench-model-echo");
        var options = WithBenchTools();
        List<ChatMessage> messages =
        [
            new SystemChatMessage("You are a benchmark agent."),
            new UserChatMessage("#bench tool_calls=3 parallel=2 reply_tokens=7 run=sdk-loop\nWeather in Paris, then compute."),
        ];

        var callIds = new HashSet<string>();
        var llmCalls = 0;
        long outputTokens = 0;
        ChatCompletion completion;
        while (true)
        {
            completion = (await client.CompleteChatAsync(messages, options, ct)).Value;
            llmCalls++;
            outputTokens += completion.Usage.OutputTokenCount;
            Assert.Equal("bench-model-echo", completion.Model);
            Assert.True(completion.Usage.InputTokenCount > 0);
            Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
            if (completion.FinishReason != ChatFinishReason.ToolCalls) break;

            messages.Add(new AssistantChatMessage(completion));
            foreach (var call in completion.ToolCalls)
            {
                Assert.True(callIds.Add(call.Id), $"duplicate call id {call.Id}");
                var result = await BenchTools.ExecuteAsync(call.FunctionName, call.FunctionArguments.ToString(), ct);
                Assert.False(result.IsError, result.Output);
                messages.Add(new ToolChatMessage(call.Id, result.Output));
            }
        }

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(FinalAnswerText.Text(7), Assert.Single(completion.Content).Text);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal(3, callIds.Count);
        Assert.Equal(3, llmCalls); // calls 2 + 1, then the answer

        using var http = server.NewHttpClient();
        var run = (await Http.GetAsync(http, "admin/runs/sdk-loop")).Json;
        Assert.Equal(3, run.GetProperty("llm_calls").GetInt32());
        Assert.Equal(outputTokens, run.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public async Task Streams_tool_call_deltas_that_reassemble_into_valid_calls_and_reports_usage()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Client();
        var options = WithBenchTools();
        List<ChatMessage> messages = [new UserChatMessage("#bench tool_calls=2 parallel=2 tool_delay_ms=1 reply_tokens=12")];

        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, System.Text.StringBuilder>();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options, ct))
        {
            foreach (var delta in update.ToolCallUpdates)
            {
                if (delta.ToolCallId is { } id) ids[delta.Index] = id;
                if (delta.FunctionName is { } name) names[delta.Index] = name;
                if (!arguments.TryGetValue(delta.Index, out var sb)) arguments[delta.Index] = sb = new();
                sb.Append(delta.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, ids.Values.Distinct().Count());
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);

        var assistant = new AssistantChatMessage(ids.Keys.Order()
            .Select(i => ChatToolCall.CreateFunctionToolCall(ids[i], names[i], BinaryData.FromString(arguments[i].ToString())))
            .ToList());
        messages.Add(assistant);
        foreach (var i in ids.Keys.Order())
        {
            var result = BenchTools.Prepare(names[i], arguments[i].ToString());
            Assert.False(result.Result.IsError, $"{arguments[i]} -> {result.Result.Output}");
            Assert.Equal(1, result.DelayMs);
            messages.Add(new ToolChatMessage(ids[i], result.Result.Output));
        }

        var text = new System.Text.StringBuilder();
        usage = null;
        finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options, ct))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(FinalAnswerText.Text(12), text.ToString());
        Assert.Equal(12, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Plain_question_gets_a_short_answer_and_models_are_listed()
    {
        var ct = TestContext.Current.CancellationToken;
        var completion = (await Client().CompleteChatAsync([new UserChatMessage("Hello there")], cancellationToken: ct)).Value;
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(16, completion.Content[0].Text.Split(' ').Length);

        var models = new OpenAIModelClient(new ApiKeyCredential("mock-key"), Options());
        var list = (await models.GetModelsAsync(ct)).Value;
        Assert.Contains(list, m => m.Id == MockLlmApi.ModelName);
    }

    [Fact]
    public async Task Provider_errors_surface_as_client_errors_with_status_and_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Client();

        var bad = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.CompleteChatAsync([new UserChatMessage("#bench tool_calls=lots")], cancellationToken: ct));
        Assert.Equal(400, bad.Status);
        Assert.Contains("tool_calls must be an integer", bad.Message);

        using var http = server.NewHttpClient();
        await Http.PostAsync(http, MockLlmApi.FailNextPath, """{"count":1,"kind":"rate_limit"}""", ct);
        var limited = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: ct));
        Assert.Equal(429, limited.Status);
        Assert.Equal("1", limited.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter) ? retryAfter : null);

        // The next one is served again.
        Assert.Equal(ChatFinishReason.Stop, (await client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: ct)).Value.FinishReason);
    }

    [Fact]
    public async Task Content_parts_and_named_messages_from_the_sdk_are_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("#bench reply_tokens=5"),
            ChatMessageContentPart.CreateTextPart("second part"))
        { ParticipantName = "tester" };
        var options = new ChatCompletionOptions
        {
            Temperature = 0.2f,
            MaxOutputTokenCount = 100,
            TopP = 1,
            EndUserId = "user-1",
            AllowParallelToolCalls = true,
        };
        options.StopSequences.Add("\n\n");
        options.Tools.Add(ChatTool.CreateFunctionTool("noop", "does nothing"));
        var completion = (await Client().CompleteChatAsync([new SystemChatMessage("be brief"), user], options, ct)).Value;
        Assert.Equal(FinalAnswerText.Text(5), completion.Content[0].Text);
    }

    [Fact]
    public async Task Tool_arguments_from_the_sdk_schema_validate()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = WithBenchTools();
        var completion = (await Client().CompleteChatAsync(
            [new UserChatMessage("#bench tool_calls=8 parallel=8")], options, ct)).Value;
        Assert.Equal(8, completion.ToolCalls.Count);
        foreach (var call in completion.ToolCalls)
        {
            var schema = BenchTools.Find(call.FunctionName)!.Parameters;
            Assert.Empty(Schemas.Validate(schema, call.FunctionArguments.ToString()));
            using var _ = JsonDocument.Parse(call.FunctionArguments);
        }
    }
}
