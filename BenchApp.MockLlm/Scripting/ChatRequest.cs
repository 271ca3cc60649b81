namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// What the mock needs from a completion request, read from either provider's shape: the model to echo, the
/// offered tools, and the script state of the conversation (the directive text and tool results since it).
/// </summary>
public sealed class ChatRequest
{
    public string Model { get; set; } = "";
    public bool Stream { get; set; }

    /// <summary>OpenAI <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; set; }

    /// <summary>max_tokens / max_completion_tokens: a final answer longer than this is cut.</summary>
    public int? MaxOutputTokens { get; set; }

    public List<OfferedTool> Tools { get; } = [];
    public ToolChoice ToolChoice { get; set; } = ToolChoice.Auto;
    public string? ForcedToolName { get; set; }

    /// <summary>False when the client asked for one tool call per reply (parallel_tool_calls / disable_parallel_tool_use).</summary>
    public bool ParallelToolCalls { get; set; } = true;

    /// <summary>
    /// Text of the newest user message when it may hold a <c>#bench</c> line; null when it cannot
    /// (no user message, or no "#bench" in it), which spares parsing on the common path.
    /// </summary>
    public string? DirectiveSource { get; set; }

    /// <summary>Tool results after the newest user message: the tool calls of this turn already answered.</summary>
    public int ToolResultsSinceUser { get; set; }

    /// <summary>Deterministic prompt-size estimate: characters of messages and tools / 4.</summary>
    public int InputTokens { get; set; }

    public bool Offers(string toolName)
    {
        foreach (var tool in Tools)
            if (tool.Name == toolName) return true;
        return false;
    }

    public string OfferedNames() => Tools.Count == 0 ? "none" : string.Join(", ", Tools.Select(t => t.Name));
}
