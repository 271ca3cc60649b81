using System.Diagnostics;
using System.Net;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BenchApp.Executors.Tests.Llm;

/// <summary>The in-process client's retries, through the real DI registration with a stub at the bottom of the handler chain.</summary>
public class LlmResilienceTests
{
    private static (ChatCompletionClient Client, StubLlmHandler Stub) Build(LlmOptions llm)
    {
        var stub = new StubLlmHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        llm.BaseUrl ??= "http://llm.test/v1";
        services.AddLlmClients(llm);
        services.AddHttpClient(LlmServiceExtensions.ResilientClientName).ConfigurePrimaryHttpMessageHandler(() => stub);
        var provider = services.BuildServiceProvider();
        var options = Options.Create(new ExecutorOptions { Llm = llm });
        return (provider.GetRequiredService<IHttpClientFactory>().CreateChatClient(LlmServiceExtensions.ResilientClientName, options), stub);
    }

    private static LlmOptions Fast() => new() { InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Server_errors_are_retried_until_a_reply()
    {
        var (client, stub) = Build(Fast());
        stub.Reply(HttpStatusCode.InternalServerError).Reply(HttpStatusCode.ServiceUnavailable).ReplyText("third time");

        var reply = await client.CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken);

        Assert.Equal("third time", reply.Message.Content);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal("Bearer mock-key", stub.Requests[0].Authorization);
        // Each attempt sends the same body.
        Assert.Single(stub.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task After_the_last_attempt_the_failure_surfaces()
    {
        var (client, stub) = Build(Fast());
        stub.Reply(HttpStatusCode.InternalServerError).Reply(HttpStatusCode.InternalServerError).Reply(HttpStatusCode.InternalServerError).ReplyText("too late");

        var e = await Assert.ThrowsAsync<LlmException>(() => client.CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken));

        Assert.Equal(LlmFailureKind.ServerError, e.Kind);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        var (client, stub) = Build(Fast());
        stub.Reply(HttpStatusCode.BadRequest).ReplyText("never");

        var e = await Assert.ThrowsAsync<LlmException>(() => client.CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken));

        Assert.Equal(LlmFailureKind.BadRequest, e.Kind);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_rate_limit_waits_for_retry_after_capped_by_max_backoff()
    {
        var llm = Fast();
        llm.MaxBackoff = TimeSpan.FromMilliseconds(300);
        var (client, stub) = Build(llm);
        stub.Reply(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30)).ReplyText("after the wait");

        var started = Stopwatch.GetTimestamp();
        var reply = await client.CompleteAsync([ChatMessage.User("x")], default, TestContext.Current.CancellationToken);
        var waited = Stopwatch.GetElapsedTime(started);

        Assert.Equal("after the wait", reply.Message.Content);
        Assert.Equal(2, stub.Requests.Count);
        // Retry-After said 30 s; the cap is 300 ms: it waited the cap, not the backoff of 10 ms nor 30 s.
        Assert.InRange(waited, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0, null, 200)]
    [InlineData(1, null, 400)]
    [InlineData(2, null, 800)]
    [InlineData(6, null, 5000)]
    [InlineData(0, 1500, 1500)]
    [InlineData(0, 60_000, 5000)]
    public void The_delay_is_exponential_and_capped_and_honours_retry_after(int retry, int? retryAfterMs, int expectedMs)
    {
        var delay = LlmRetryPolicy.Delay(new LlmOptions(), retry, retryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void The_temporal_policy_has_the_same_numbers()
    {
        var policy = LlmRetryPolicy.ForTemporal(new LlmOptions());
        Assert.Equal((3, TimeSpan.FromMilliseconds(200), 2f, TimeSpan.FromSeconds(5)),
            (policy.MaximumAttempts, policy.InitialInterval, policy.BackoffCoefficient, policy.MaximumInterval));
        Assert.Equal([LlmRetryPolicy.BadRequestErrorType, LlmRetryPolicy.MalformedReplyErrorType], policy.NonRetryableErrorTypes!);
    }
}
