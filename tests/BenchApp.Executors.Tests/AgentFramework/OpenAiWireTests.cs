using System.Text.Json;
using BenchApp.Executors.AgentFramework;
using BenchApp.Executors.Llm;
using Microsoft.Agents.AI;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>
/// The executor's agent over the real OpenAI SDK 2.15 and a loopback server: what it sends (against the fixture), and
/// how the SDK's failures after its ClientRetryPolicy become the contract's 502/504 kinds.
/// </summary>
public class OpenAiWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AIAgent Agent(LoopbackLlm llm, int attempts = 3, double attemptTimeoutSeconds = 10)
    {
        var options = new ExecutorOptions { Kind = ExecutorKind.AgentFramework };
        options.Llm.BaseUrl = llm.BaseUrl;
        options.Llm.MaxAttempts = attempts;
        options.Llm.InitialBackoff = TimeSpan.FromMilliseconds(10);
        options.Llm.AttemptTimeout = TimeSpan.FromSeconds(attemptTimeoutSeconds);
        return AgentFrameworkServiceExtensions.CreateAgent(new HttpClient(), options);
    }

    private static Task<AgentResponse> RunAsync(AIAgent agent, string message) =>
        agent.RunAsync(message, null, new AgentRunOptions { AdditionalProperties = new AgentTurn(10).ToAdditionalProperties() }, Ct);

    [Fact]
    public async Task The_first_request_is_the_fixtures_first_turn()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(BenchApp.TestSupport.RepoPaths.Combine("contracts", "framework-requests", "agent-framework.json")));
        var firstTurn = fixture.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == "first-turn");
        var expected = firstTurn.GetProperty("request");

        await using var llm = new LoopbackLlm((_, _, response) => LoopbackLlm.WriteAsync(response, 200, LoopbackLlm.Completion("hello")));
        var answer = await RunAsync(Agent(llm), expected.GetProperty("messages")[0].GetProperty("content").GetString()!);

        Assert.Equal("hello", answer.Text);
        using var sent = JsonDocument.Parse(Assert.Single(llm.Bodies));
        Assert.True(JsonElement.DeepEquals(expected, sent.RootElement), sent.RootElement.GetRawText());
    }

    [Fact]
    public async Task Server_errors_are_retried_to_max_attempts_then_are_a_server_error()
    {
        await using var llm = new LoopbackLlm((_, _, response) => LoopbackLlm.WriteAsync(response, 500, """{"error":{"message":"boom"}}"""));
        var e = await Assert.ThrowsAsync<LlmException>(() => RunAsync(Agent(llm, attempts: 3), "hi"));
        Assert.Equal((LlmFailureKind.ServerError, "HTTP 500 from the LLM."), (e.Kind, e.Message));
        Assert.Equal(3, llm.Bodies.Count);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        await using var llm = new LoopbackLlm((_, _, response) => LoopbackLlm.WriteAsync(response, 400, """{"error":{"message":"no"}}"""));
        var e = await Assert.ThrowsAsync<LlmException>(() => RunAsync(Agent(llm, attempts: 3), "hi"));
        Assert.Equal(LlmFailureKind.BadRequest, e.Kind);
        Assert.Single(llm.Bodies);
    }

    [Fact]
    public async Task A_reply_that_is_not_a_chat_completion_is_malformed_and_not_retried()
    {
        await using var llm = new LoopbackLlm((_, _, response) => LoopbackLlm.WriteAsync(response, 200, "this is not json"));
        var e = await Assert.ThrowsAsync<LlmException>(() => RunAsync(Agent(llm, attempts: 3), "hi"));
        Assert.Equal(LlmFailureKind.MalformedReply, e.Kind);
        Assert.Single(llm.Bodies);
    }

    [Fact]
    public async Task A_hanging_llm_is_a_timeout_after_each_attempt_timed_out()
    {
        await using var llm = new LoopbackLlm(async (_, _, _) => await Task.Delay(TimeSpan.FromSeconds(30), Ct));
        var e = await Assert.ThrowsAsync<LlmException>(() => RunAsync(Agent(llm, attempts: 2, attemptTimeoutSeconds: 1), "hi"));
        Assert.Equal((LlmFailureKind.Timeout, "The LLM did not answer in time."), (e.Kind, e.Message));
        // The server reads a body on its own task: on a busy machine the last one lands after the client gave up.
        Assert.Equal(2, await llm.WaitForBodiesAsync(2, TimeSpan.FromSeconds(5)));
    }
}
