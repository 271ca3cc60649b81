namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// What the mock answers: tool calls, or a final text of <see cref="TextTokens"/> words; or, when the script
/// cannot be followed, <see cref="Error"/> (a 400). <see cref="Run"/> is the directive's run id, if any.
/// </summary>
public sealed class ReplyPlan
{
    public string? Run { get; private init; }
    public string? Error { get; private init; }
    public IReadOnlyList<PlannedToolCall> ToolCalls { get; private init; } = [];
    public int TextTokens { get; private init; }

    /// <summary>The final text was cut at the request's max tokens (finish_reason length / stop_reason max_tokens).</summary>
    public bool Truncated { get; private init; }

    public int OutputTokens { get; private init; }

    public bool IsToolCalls => ToolCalls.Count > 0;

    public static ReplyPlan Invalid(string error, string? run) => new() { Error = error, Run = run };

    public static ReplyPlan Text(int tokens, int? maxTokens, string? run)
    {
        var cut = maxTokens is { } max && max < tokens;
        var count = cut ? maxTokens!.Value : tokens;
        return new() { TextTokens = count, Truncated = cut, OutputTokens = count, Run = run };
    }

    public static ReplyPlan Calls(PlannedToolCall[] calls, string? run)
    {
        var tokens = 0;
        foreach (var call in calls) tokens += call.Tokens;
        return new() { ToolCalls = calls, OutputTokens = tokens, Run = run };
    }
}
