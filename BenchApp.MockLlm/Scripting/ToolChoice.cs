namespace BenchApp.MockLlm.Scripting;

/// <summary>The request's tool_choice, provider-neutral (Anthropic's <c>any</c> is <see cref="Required"/>).</summary>
public enum ToolChoice
{
    Auto,
    None,
    Required,
    /// <summary>One named tool; see <see cref="ChatRequest.ForcedToolName"/>.</summary>
    Named,
}
