using System.Net;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Temporal;
using BenchApp.Executors.Tests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;
using Temporalio.Testing;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>The activities in Temporal's activity test environment (no server): what each LLM failure tells Temporal's retry.</summary>
public class AgentActivitiesTests
{
    private static (AgentActivities Activities, StubLlmHandler Stub) Build()
    {
        var stub = new StubLlmHandler();
        var llm = new LlmOptions { BaseUrl = "http://llm.test/v1/" };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmClients(llm);
        services.AddHttpClient(LlmServiceExtensions.RawClientName).ConfigurePrimaryHttpMessageHandler(() => stub);
        var provider = services.BuildServiceProvider();
        return (new AgentActivities(provider.GetRequiredService<IHttpClientFactory>(), Options.Create(new ExecutorOptions { Llm = llm })), stub);
    }

    private static readonly LlmCallInput Input = new([ChatMessage.User("hi")]);

    [Fact]
    public async Task Chat_returns_the_reply_with_usage_and_time()
    {
        var (activities, stub) = Build();
        stub.ReplyText("hello", promptTokens: 11, completionTokens: 2);

        var reply = await new ActivityEnvironment().RunAsync(() => activities.ChatAsync(Input));

        Assert.Equal((ChatMessage.Assistant("hello"), 11L, 2L), (reply.Message, reply.InputTokens, reply.OutputTokens));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_server_error_is_one_attempt_and_retryable_by_temporal()
    {
        var (activities, stub) = Build();
        stub.Reply(HttpStatusCode.InternalServerError).ReplyText("would be the retry");

        var e = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment().RunAsync(() => activities.ChatAsync(Input)));

        Assert.Equal(("LlmServerError", false, null), (e.ErrorType, e.NonRetryable, e.NextRetryDelay));
        Assert.Single(stub.Requests); // the attempt is raw: retrying is Temporal's job
    }

    [Fact]
    public async Task A_rate_limit_asks_temporal_to_wait_retry_after()
    {
        var (activities, stub) = Build();
        stub.Reply(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(2));

        var e = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment().RunAsync(() => activities.ChatAsync(Input)));

        Assert.Equal(("LlmRateLimited", false, TimeSpan.FromSeconds(2)), (e.ErrorType, e.NonRetryable, e.NextRetryDelay));
    }

    [Fact]
    public async Task A_bad_request_is_not_retryable()
    {
        var (activities, stub) = Build();
        stub.Reply(HttpStatusCode.BadRequest);

        var e = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment().RunAsync(() => activities.ChatAsync(Input)));

        Assert.Equal(("LlmBadRequest", true), (e.ErrorType, e.NonRetryable));
        Assert.Contains(e.ErrorType, LlmRetryPolicy.ForTemporal(new LlmOptions()).NonRetryableErrorTypes!);
    }

    [Fact]
    public async Task ExecuteTool_runs_the_contract_tool()
    {
        var (activities, _) = Build();
        var call = new ToolCall("call_9", "calculator", "{\"expression\":\"(2 + 3) * 4\"}");

        var result = await new ActivityEnvironment().RunAsync(() => activities.ExecuteToolAsync(new ToolCallInput(call)));

        Assert.Equal(ChatMessage.ToolResult("call_9", "20"), result.Message);
        Assert.True(result.ElapsedMs >= 0);
    }
}
