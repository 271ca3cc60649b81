namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// Splits tool-call arguments into the pieces a streamed reply sends (one token each): 4 characters, never
/// splitting a surrogate pair. The same split counts the output tokens of a tool-call reply.
/// </summary>
public static class ArgumentPieces
{
    public const int PieceLength = 4;

    public static int Count(string arguments)
    {
        var count = 0;
        for (var start = 0; start < arguments.Length; start = End(arguments, start)) count++;
        return Math.Max(1, count);
    }

    /// <summary>End (exclusive) of the piece that starts at <paramref name="start"/>.</summary>
    public static int End(string arguments, int start)
    {
        var end = Math.Min(start + PieceLength, arguments.Length);
        if (end < arguments.Length && char.IsHighSurrogate(arguments[end - 1])) end++;
        return end;
    }
}
