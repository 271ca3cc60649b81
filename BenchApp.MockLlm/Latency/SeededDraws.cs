namespace BenchApp.MockLlm.Latency;

/// <summary>
/// Counter-based random numbers: a draw is a pure function of (seed, request sequence, stream), so the i-th
/// request after a config change gets the same draw in every run, with no shared generator to lock.
/// </summary>
public static class SeededDraws
{
    public const ulong FaultStream = 1;
    public const ulong JitterStreamA = 2;
    public const ulong JitterStreamB = 3;

    /// <summary>Uniform in the open interval (0, 1).</summary>
    public static double Uniform(long seed, long sequence, ulong stream)
    {
        var x = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL * stream);
        x = Mix(x ^ (ulong)sequence);
        return ((x >> 11) + 0.5) * (1.0 / (1UL << 53));
    }

    /// <summary>Standard normal by Box-Muller from two independent uniforms.</summary>
    public static double StandardNormal(long seed, long sequence)
    {
        var u1 = Uniform(seed, sequence, JitterStreamA);
        var u2 = Uniform(seed, sequence, JitterStreamB);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>SplitMix64's finalizer: a bijective, well-avalanching 64-bit mix.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
