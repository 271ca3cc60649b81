using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Tests.Agent;

public class AgentStepTests
{
    [Fact]
    public void A_reply_without_tool_calls_finishes_the_turn_with_its_text()
    {
        var decision = AgentStep.Decide(ChatMessage.Assistant("the answer"), iterations: 1, maxIterations: 10);
        Assert.Equal(new AgentDecision.Finish("the answer", StopReasons.Completed), decision);
    }

    [Fact]
    public void A_reply_without_text_or_calls_finishes_with_an_empty_output()
    {
        var decision = AgentStep.Decide(ChatMessage.Assistant(null), iterations: 3, maxIterations: 3);
        Assert.Equal(new AgentDecision.Finish("", StopReasons.Completed), decision);
    }

    [Fact]
    public void Tool_calls_below_the_limit_run_and_the_loop_goes_on()
    {
        var call = ScriptedEffects.Weather("c1");
        var decision = Assert.IsType<AgentDecision.RunTools>(AgentStep.Decide(ChatMessage.Assistant(null, [call]), 2, 10));
        Assert.Equal([call], decision.Calls);
        Assert.False(decision.IsLastIteration);
    }

    [Fact]
    public void Tool_calls_of_the_last_allowed_reply_still_run_but_end_the_loop()
    {
        var decision = Assert.IsType<AgentDecision.RunTools>(
            AgentStep.Decide(ChatMessage.Assistant("thinking", [ScriptedEffects.Weather("c1")]), iterations: 4, maxIterations: 4));
        Assert.True(decision.IsLastIteration);
    }

    [Theory]
    [InlineData("", null, "")]
    [InlineData("earlier", null, "earlier")]
    [InlineData("earlier", "", "earlier")]
    [InlineData("earlier", "newer", "newer")]
    public void The_last_text_is_the_newest_non_empty_assistant_content(string current, string? content, string expected) =>
        Assert.Equal(expected, AgentStep.LastText(current, ChatMessage.Assistant(content)));
}
