using System.Text.Json;

namespace BenchApp.MockLlm.Scripting;

/// <summary>A tool the request offers: its name and the JSON schema of its arguments (Undefined when absent).</summary>
public readonly record struct OfferedTool(string Name, JsonElement Parameters);
