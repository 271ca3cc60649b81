using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BenchApp.Contracts.Directives;

/// <summary>
/// The script line a load driver puts in a user message, e.g. <c>#bench tool_calls=3 reply_tokens=40</c>.
/// The mock LLM answers with tool calls until <see cref="ToolCalls"/> are made, then with a final answer of
/// <see cref="ReplyTokens"/> tokens. Executors forward the message verbatim and never read it.
/// </summary>
public sealed partial record BenchDirective
{
    public const string Prefix = "#bench";

    /// <summary>Tool calls to make before the final answer.</summary>
    public int ToolCalls { get; init; }

    /// <summary>Tokens in the final answer.</summary>
    public int ReplyTokens { get; init; } = DefaultReplyTokens;

    /// <summary>Tool calls per LLM reply (calls the executor may run concurrently).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Which offered tool to call; null = the offered tools in turn.</summary>
    public string? Tool { get; init; }

    /// <summary>Simulated I/O delay each tool call is asked to take (its <c>delay_ms</c> argument).</summary>
    public int ToolDelayMs { get; init; }

    /// <summary>Opaque id the mock LLM keys its per-run accounting by (LLM calls, wait).</summary>
    public string? Run { get; init; }

    public const int DefaultReplyTokens = 16;

    /// <summary>LLM calls a compliant executor makes for this directive: one per tool step, plus the answer.</summary>
    public int ExpectedLlmCalls => ToolSteps + 1;

    /// <summary>LLM replies that carry tool calls.</summary>
    public int ToolSteps => (ToolCalls + Parallel - 1) / Parallel;

    private static readonly (string Key, int Min, int Max)[] IntegerKeys =
    [
        ("tool_calls", 0, 50),
        ("reply_tokens", 1, 4096),
        ("parallel", 1, 16),
        ("tool_delay_ms", 0, 10_000),
    ];

    /// <summary>
    /// Finds the last <c>#bench</c> token (see <see cref="FindLine"/>) and parses the rest of its line.
    /// Returns false with <paramref name="error"/> set when the line is malformed; true with a null
    /// directive when there is none.
    /// </summary>
    public static bool TryParse(string? message, out BenchDirective? directive, out string? error)
    {
        directive = null;
        error = null;
        if (message is null) return true;

        var line = FindLine(message);
        if (line is null) return true;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new BenchDirective();
        foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var eq = token.IndexOf('=');
            if (eq <= 0 || eq == token.Length - 1)
            {
                error = $"#bench: '{token}' is not key=value.";
                return false;
            }
            var key = token[..eq];
            var value = token[(eq + 1)..];
            if (!seen.Add(key))
            {
                error = $"#bench: '{key}' is given twice.";
                return false;
            }
            if (!TryApply(result, key, value, out result, out error)) return false;
        }

        if (result.ToolCalls > 0 && result.Parallel > result.ToolCalls)
        {
            error = $"#bench: parallel ({result.Parallel}) must not exceed tool_calls ({result.ToolCalls}).";
            return false;
        }
        directive = result;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; null when the message has no directive.</summary>
    public static BenchDirective? Parse(string? message) =>
        TryParse(message, out var directive, out var error) ? directive : throw new FormatException(error);

    /// <summary>The directive line, defaults left out except tool_calls and reply_tokens.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Prefix);
        sb.Append(CultureInfo.InvariantCulture, $" tool_calls={ToolCalls} reply_tokens={ReplyTokens}");
        if (Parallel != 1) sb.Append(CultureInfo.InvariantCulture, $" parallel={Parallel}");
        if (Tool is not null) sb.Append(CultureInfo.InvariantCulture, $" tool={Tool}");
        if (ToolDelayMs != 0) sb.Append(CultureInfo.InvariantCulture, $" tool_delay_ms={ToolDelayMs}");
        if (Run is not null) sb.Append(CultureInfo.InvariantCulture, $" run={Run}");
        return sb.ToString();
    }

    /// <summary>A user message carrying this directive and a human-readable prompt.</summary>
    public string ToMessage(string prompt) => $"{this}\n{prompt}";

    /// <summary>
    /// The directive: from the last <c>#bench</c> that starts a token (at the start of a line or after a
    /// character that is not a letter, digit, <c>_</c> or <c>#</c>, and followed by a space, a tab or the end
    /// of the line) to the end of that line. Frameworks put the user's text after their own prefix on the
    /// same line (CrewAI: <c>Current Task: #bench ...</c>), so the directive need not start the line; and some
    /// flatten earlier turns into the same message before the new one (CrewAI's <c>kickoff(messages)</c>), so
    /// the newest directive, the last, is the one that scripts this turn.
    /// </summary>
    private static string? FindLine(string message)
    {
        var from = 0;
        string? found = null;
        while (true)
        {
            var at = message.IndexOf(Prefix, from, StringComparison.Ordinal);
            if (at < 0) return found;
            var end = at + Prefix.Length;
            var startsToken = at == 0 || !(char.IsLetterOrDigit(message[at - 1]) || message[at - 1] is '_' or '#');
            var endsToken = end == message.Length || message[end] is ' ' or '\t' or '\r' or '\n';
            if (startsToken && endsToken)
            {
                var lineEnd = message.IndexOf('\n', end);
                found = message[at..(lineEnd < 0 ? message.Length : lineEnd)].TrimEnd();
            }
            from = end;
        }
    }

    private static bool TryApply(BenchDirective current, string key, string value, out BenchDirective next, out string? error)
    {
        next = current;
        error = null;
        switch (key)
        {
            case "tool":
                if (!NameRegex().IsMatch(value)) { error = $"#bench: tool '{value}' is not a tool name."; return false; }
                next = current with { Tool = value };
                return true;
            case "run":
                if (!NameRegex().IsMatch(value)) { error = $"#bench: run '{value}' must be 1-64 of A-Z a-z 0-9 _ -."; return false; }
                next = current with { Run = value };
                return true;
        }

        var spec = Array.Find(IntegerKeys, k => k.Key == key);
        if (spec.Key is null)
        {
            error = $"#bench: unknown key '{key}' (known: tool_calls, reply_tokens, parallel, tool, tool_delay_ms, run).";
            return false;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < spec.Min || n > spec.Max)
        {
            error = $"#bench: {key} must be an integer in [{spec.Min}, {spec.Max}], got '{value}'.";
            return false;
        }
        next = key switch
        {
            "tool_calls" => current with { ToolCalls = n },
            "reply_tokens" => current with { ReplyTokens = n },
            "parallel" => current with { Parallel = n },
            _ => current with { ToolDelayMs = n },
        };
        return true;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex NameRegex();
}
