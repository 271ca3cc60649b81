using System.Text.Json;

namespace BenchApp.Contracts.Tools;

/// <summary>A tool as the LLM sees it: name, description and the JSON schema of its arguments.</summary>
public sealed record BenchToolDefinition(string Name, string Description, JsonElement Parameters)
{
    public string ParametersJson => Parameters.GetRawText();
}
