using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Tests.Agent;

public class AgentLoopTests
{
    [Fact]
    public async Task Simple_chat_is_one_llm_call_and_appends_the_answer()
    {
        var effects = new ScriptedEffects(ScriptedEffects.Text("hello there", input: 12, output: 2));
        var history = new List<ChatMessage> { ChatMessage.User("hi") };

        var result = await AgentLoop.RunAsync(history, 10, effects, TestContext.Current.CancellationToken);

        Assert.Equal(new TurnResult("hello there", StopReasons.Completed, 1, 1, 0, 12, 2, 1.0, 0), result);
        Assert.Equal([ChatMessage.User("hi"), ChatMessage.Assistant("hello there")], history);
        Assert.Empty(effects.ToolSteps);
    }

    [Fact]
    public async Task Tool_calls_run_and_their_results_reach_the_next_llm_call()
    {
        var c1 = ScriptedEffects.Weather("c1", "Oslo");
        var c2 = new ToolCall("c2", "calculator", "{\"expression\":\"2+3\"}");
        var effects = new ScriptedEffects(ScriptedEffects.Calls(c1, c2), ScriptedEffects.Text("done"));
        var history = new List<ChatMessage> { ChatMessage.User("go") };

        var result = await AgentLoop.RunAsync(history, 10, effects, TestContext.Current.CancellationToken);

        Assert.Equal(StopReasons.Completed, result.StopReason);
        Assert.Equal((2, 2, 2), (result.Iterations, result.LlmCalls, result.ToolCalls));
        Assert.Equal((30L, 8L), (result.InputTokens, result.OutputTokens));
        Assert.Equal(2.5, result.ToolMs);
        Assert.Equal([c1, c2], Assert.Single(effects.ToolSteps));

        // The second LLM request carries the user message, the tool-call reply and both results, in call order.
        var second = effects.LlmRequests[1];
        Assert.Equal(["user", "assistant", "tool", "tool"], second.Select(m => m.Role));
        Assert.Equal(["c1", "c2"], second.Skip(2).Select(m => m.ToolCallId));
        Assert.Equal(5, history.Count);
    }

    [Fact]
    public async Task Max_iterations_cuts_the_loop_after_running_the_last_calls()
    {
        var replies = Enumerable.Range(1, 3)
            .Select(i => new LlmReply(ChatMessage.Assistant(i == 2 ? "halfway" : null, [ScriptedEffects.Weather($"c{i}")]), 1, 1, 1))
            .ToArray();
        var effects = new ScriptedEffects(replies);
        var history = new List<ChatMessage> { ChatMessage.User("loop") };

        var result = await AgentLoop.RunAsync(history, 3, effects, TestContext.Current.CancellationToken);

        Assert.Equal(StopReasons.MaxIterations, result.StopReason);
        Assert.Equal("halfway", result.Output);
        Assert.Equal((3, 3, 3), (result.Iterations, result.LlmCalls, result.ToolCalls));
        // The history ends with a tool result, never with unanswered tool calls.
        Assert.Equal("tool", history[^1].Role);
        Assert.Equal(7, history.Count);
    }

    [Fact]
    public async Task One_iteration_allowed_means_exactly_one_llm_call()
    {
        var effects = new ScriptedEffects(ScriptedEffects.Calls(ScriptedEffects.Weather("c1")), ScriptedEffects.Text("never"));
        var result = await AgentLoop.RunAsync([ChatMessage.User("x")], 1, effects, TestContext.Current.CancellationToken);
        Assert.Equal((1, 1, StopReasons.MaxIterations), (result.LlmCalls, result.ToolCalls, result.StopReason));
        Assert.Single(effects.LlmRequests);
    }

    [Fact]
    public async Task Zero_iterations_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            AgentLoop.RunAsync([ChatMessage.User("x")], 0, new ScriptedEffects(), TestContext.Current.CancellationToken));
}
