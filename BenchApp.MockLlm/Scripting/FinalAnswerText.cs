using System.Text;

namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// The deterministic final answer: the NATO alphabet over and over, one word per token, pre-encoded as UTF-8
/// so a reply of any length is a slice of one array, with no per-request text building.
/// </summary>
public static class FinalAnswerText
{
    public const int MaxWords = 4096;

    private static readonly string[] Alphabet =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo",
        "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
        "whiskey", "xray", "yankee", "zulu",
    ];

    private static readonly byte[] Utf8;

    /// <summary>Offset just past word k.</summary>
    private static readonly int[] WordEnds = new int[MaxWords];

    static FinalAnswerText()
    {
        var text = new StringBuilder();
        for (var k = 0; k < MaxWords; k++)
        {
            if (k > 0) text.Append(' ');
            text.Append(Alphabet[k % Alphabet.Length]);
            WordEnds[k] = text.Length;
        }
        Utf8 = Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The first <paramref name="words"/> words, space-separated.</summary>
    public static ReadOnlySpan<byte> Words(int words) =>
        words <= 0 ? [] : Utf8.AsSpan(0, WordEnds[Math.Min(words, MaxWords) - 1]);

    /// <summary>Word k as a stream delta: "alpha", then " bravo", " charlie", ...</summary>
    public static ReadOnlySpan<byte> Piece(int k) =>
        k == 0 ? Utf8.AsSpan(0, WordEnds[0]) : Utf8.AsSpan(WordEnds[k - 1], WordEnds[k] - WordEnds[k - 1]);

    public static string Text(int words) => Encoding.UTF8.GetString(Words(words));
}
