namespace BenchApp.MockLlm.Scripting;

/// <summary>
/// Ids in the providers' style (<c>chatcmpl-</c>, <c>call_</c>, <c>msg_</c>, <c>toolu_</c> + 24 base62
/// characters), unique within the process: a counter through a bijective mix, salted per process.
/// </summary>
public static class IdGenerator
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly ulong Salt = (ulong)Random.Shared.NextInt64();
    private static long _counter;

    public static string New(string prefix)
    {
        var n = (ulong)Interlocked.Increment(ref _counter);
        var high = Mix(n ^ Salt);
        var low = Mix(high ^ n);
        return string.Create(prefix.Length + 24, (prefix, high, low), static (span, state) =>
        {
            state.prefix.CopyTo(span);
            Encode(state.high, span.Slice(state.prefix.Length, 12));
            Encode(state.low, span.Slice(state.prefix.Length + 12, 12));
        });
    }

    private static void Encode(ulong value, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
