namespace BenchApp.Contracts.Tools;

/// <summary>Text a tool returns to the LLM; errors are text too (prefixed "error: ").</summary>
public sealed record ToolResult(string Output, bool IsError)
{
    public static ToolResult Ok(string output) => new(output, false);
    public static ToolResult Error(string message) => new($"error: {message}", true);
}
