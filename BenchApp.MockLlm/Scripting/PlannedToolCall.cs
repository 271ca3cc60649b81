namespace BenchApp.MockLlm.Scripting;

/// <summary>One tool call of a reply: a unique id, an offered tool, arguments valid for its schema (JSON text).</summary>
public sealed record PlannedToolCall(string Id, string Name, string Arguments)
{
    /// <summary>Output tokens the call costs: its arguments in 4-character pieces, as they are streamed.</summary>
    public int Tokens => ArgumentPieces.Count(Arguments);
}
