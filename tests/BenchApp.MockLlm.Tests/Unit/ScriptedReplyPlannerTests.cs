using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class ScriptedReplyPlannerTests
{
    private static ChatRequest Request(string? userText, int toolResults = 0, params string[] tools)
    {
        var request = new ChatRequest { Model = "bench-model", DirectiveSource = userText, ToolResultsSinceUser = toolResults };
        foreach (var name in tools) request.Tools.Add(new OfferedTool(name, BenchTools.Find(name)!.Parameters));
        return request;
    }

    private static readonly string[] BothTools = [WeatherTool.Name, CalculatorTool.Name];

    [Fact]
    public void Without_directive_answers_a_short_plain_text()
    {
        var plan = ScriptedReplyPlanner.Plan(Request(null, 0, BothTools), "call_");

        Assert.Null(plan.Error);
        Assert.False(plan.IsToolCalls);
        Assert.Equal(16, plan.TextTokens);
        Assert.Equal(16, plan.OutputTokens);
        Assert.Null(plan.Run);
    }

    [Fact]
    public void Makes_one_tool_call_per_reply_until_tool_calls_are_reached_then_answers()
    {
        const string text = "#bench tool_calls=3 reply_tokens=40 run=r7\nWhat is the weather?";
        for (var done = 0; done < 3; done++)
        {
            var plan = ScriptedReplyPlanner.Plan(Request(text, done, BothTools), "call_");
            Assert.Null(plan.Error);
            var call = Assert.Single(plan.ToolCalls);
            Assert.Equal(BothTools[done % 2], call.Name);
            Assert.Equal("r7", plan.Run);
        }

        var final = ScriptedReplyPlanner.Plan(Request(text, 3, BothTools), "call_");
        Assert.False(final.IsToolCalls);
        Assert.Equal(40, final.TextTokens);
        Assert.Equal(40, final.OutputTokens);
        Assert.Equal("r7", final.Run);
    }

    [Fact]
    public void Parallel_calls_come_in_groups_and_the_last_group_holds_the_rest()
    {
        const string text = "#bench tool_calls=5 parallel=2 tool=calculator";
        var sizes = new List<int>();
        var done = 0;
        while (true)
        {
            var plan = ScriptedReplyPlanner.Plan(Request(text, done, BothTools), "call_");
            if (!plan.IsToolCalls) break;
            Assert.All(plan.ToolCalls, c => Assert.Equal(CalculatorTool.Name, c.Name));
            sizes.Add(plan.ToolCalls.Count);
            done += plan.ToolCalls.Count;
        }
        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(3, Contracts.Directives.BenchDirective.Parse(text)!.ToolSteps);
    }

    [Fact]
    public void Call_ids_are_unique_across_replies()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var plan = ScriptedReplyPlanner.Plan(Request("#bench tool_calls=16 parallel=16", 0, BothTools), "call_");
            foreach (var call in plan.ToolCalls)
            {
                Assert.StartsWith("call_", call.Id);
                Assert.True(ids.Add(call.Id), $"duplicate id {call.Id}");
            }
        }
        Assert.Equal(200 * 16, ids.Count);
    }

    [Fact]
    public void Tool_delay_is_put_in_the_arguments()
    {
        var plan = ScriptedReplyPlanner.Plan(Request("#bench tool_calls=1 tool_delay_ms=250", 0, BothTools), "call_");
        using var args = JsonDocument.Parse(plan.ToolCalls[0].Arguments);
        Assert.Equal(250, args.RootElement.GetProperty("delay_ms").GetInt32());
        Assert.Equal(250, BenchTools.Prepare(plan.ToolCalls[0].Name, plan.ToolCalls[0].Arguments).DelayMs);
    }

    [Fact]
    public void Malformed_directive_is_an_error_naming_the_problem()
    {
        var plan = ScriptedReplyPlanner.Plan(Request("#bench tool_calls=lots", 0, BothTools), "call_");
        Assert.Contains("tool_calls", plan.Error);
        Assert.Contains("lots", plan.Error);
    }

    [Theory]
    [InlineData("#bench tool_calls=2 reply_tokens=4 run=x1")]
    [InlineData("#bench tool_calls=2 reply_tokens=4 tool=get_weather run=x1")]
    public void A_request_without_tools_gets_the_final_answer_even_when_tool_calls_remain(string text)
    {
        // CrewAI's forced final answer after max_iter and similar calls offer no tools: a model can only answer.
        var plan = ScriptedReplyPlanner.Plan(Request(text, 0), "call_");
        Assert.Null(plan.Error);
        Assert.False(plan.IsToolCalls);
        Assert.Equal(4, plan.TextTokens);
        Assert.Equal("x1", plan.Run);
    }

    [Fact]
    public void A_directive_after_a_framework_prefix_on_the_same_line_is_followed()
    {
        var plan = ScriptedReplyPlanner.Plan(Request("\nCurrent Task: #bench tool_calls=2 run=crew\n\nThis is the expected criteria", 0, BothTools), "call_");
        Assert.Single(plan.ToolCalls);
        Assert.Equal("crew", plan.Run);
    }

    [Fact]
    public void A_named_tool_that_is_not_offered_is_an_error()
    {
        var plan = ScriptedReplyPlanner.Plan(Request("#bench tool_calls=1 tool=search", 0, WeatherTool.Name), "call_");
        Assert.Contains("'search'", plan.Error);
        Assert.Contains(WeatherTool.Name, plan.Error);
    }

    [Fact]
    public void Tool_choice_none_gets_the_final_answer_and_a_forced_tool_wins()
    {
        var none = Request("#bench tool_calls=2 reply_tokens=3", 0, BothTools);
        none.ToolChoice = ToolChoice.None;
        Assert.Equal(3, ScriptedReplyPlanner.Plan(none, "call_").TextTokens);

        var forced = Request("#bench tool_calls=2 parallel=2", 0, BothTools);
        forced.ToolChoice = ToolChoice.Named;
        forced.ForcedToolName = CalculatorTool.Name;
        Assert.All(ScriptedReplyPlanner.Plan(forced, "call_").ToolCalls, c => Assert.Equal(CalculatorTool.Name, c.Name));
    }

    [Fact]
    public void Parallel_tool_calls_false_gets_one_call_per_reply()
    {
        var request = Request("#bench tool_calls=4 parallel=4", 0, BothTools);
        request.ParallelToolCalls = false;
        Assert.Single(ScriptedReplyPlanner.Plan(request, "call_").ToolCalls);
    }

    [Fact]
    public void Max_tokens_cuts_the_final_answer()
    {
        var request = Request("#bench reply_tokens=100", 0);
        request.MaxOutputTokens = 10;
        var plan = ScriptedReplyPlanner.Plan(request, "call_");
        Assert.True(plan.Truncated);
        Assert.Equal(10, plan.OutputTokens);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(27)]
    [InlineData(4096)]
    public void Final_answer_has_exactly_one_word_per_token(int tokens)
    {
        var text = FinalAnswerText.Text(tokens);
        Assert.Equal(tokens, text.Split(' ').Length);
        Assert.Equal(tokens, TokenEstimator.Words(text));
        var streamed = string.Concat(Enumerable.Range(0, tokens).Select(k => System.Text.Encoding.UTF8.GetString(FinalAnswerText.Piece(k))));
        Assert.Equal(text, streamed);
    }

    [Fact]
    public void Tool_call_tokens_match_the_streamed_pieces()
    {
        var plan = ScriptedReplyPlanner.Plan(Request("#bench tool_calls=2 parallel=2", 0, BothTools), "call_");
        foreach (var call in plan.ToolCalls)
        {
            var pieces = 0;
            for (var start = 0; start < call.Arguments.Length; start = ArgumentPieces.End(call.Arguments, start)) pieces++;
            Assert.Equal(pieces, call.Tokens);
        }
        Assert.Equal(plan.ToolCalls.Sum(c => c.Tokens), plan.OutputTokens);
    }
}
