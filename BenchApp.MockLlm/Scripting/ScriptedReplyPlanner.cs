using BenchApp.Contracts.Directives;

namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// Follows the <c>#bench</c> script: while fewer tool results than <c>tool_calls</c> follow the newest user
/// message, answer with the next <c>parallel</c> tool calls; then a final answer of <c>reply_tokens</c> words.
/// A request that offers no tools (or says tool_choice none) gets the final answer at once. No directive: a
/// short plain answer (the default reply length).
/// </summary>
public static class ScriptedReplyPlanner
{
    public static ReplyPlan Plan(ChatRequest request, string callIdPrefix)
    {
        if (!BenchDirective.TryParse(request.DirectiveSource, out var directive, out var error))
            return ReplyPlan.Invalid(error!, run: null);

        if (directive is null)
            return ReplyPlan.Text(BenchDirective.DefaultReplyTokens, request.MaxOutputTokens, run: null);

        var run = directive.Run;
        var done = request.ToolResultsSinceUser;
        // No tools offered (CrewAI's forced final answer after max_iter, a summariser, ...): a real model can
        // only answer in text, so the mock does too, as it does for tool_choice none.
        if (done >= directive.ToolCalls || request.ToolChoice == ToolChoice.None || request.Tools.Count == 0)
            return ReplyPlan.Text(directive.ReplyTokens, request.MaxOutputTokens, run);
        if (directive.Tool is { } named && !request.Offers(named))
            return ReplyPlan.Invalid(
                $"#bench: tool '{named}' is not among the tools the request offers ({request.OfferedNames()}).", run);

        var perReply = request.ParallelToolCalls ? directive.Parallel : 1;
        var calls = new PlannedToolCall[Math.Min(perReply, directive.ToolCalls - done)];
        for (var j = 0; j < calls.Length; j++)
        {
            var callIndex = done + j;
            var tool = Choose(request, directive, callIndex);
            var arguments = ToolArgumentGenerator.Generate(tool.Parameters, callIndex, directive.ToolDelayMs);
            calls[j] = new PlannedToolCall(IdGenerator.New(callIdPrefix), tool.Name, arguments);
        }
        return ReplyPlan.Calls(calls, run);
    }

    /// <summary>A forced tool_choice wins, then the directive's tool=, else the offered tools in turn.</summary>
    private static OfferedTool Choose(ChatRequest request, BenchDirective directive, int callIndex)
    {
        var name = request.ToolChoice == ToolChoice.Named ? request.ForcedToolName : directive.Tool;
        if (name is not null)
            foreach (var tool in request.Tools)
                if (tool.Name == name) return tool;
        return request.Tools[callIndex % request.Tools.Count];
    }
}
