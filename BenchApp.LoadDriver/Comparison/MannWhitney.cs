namespace BenchApp.LoadDriver.Comparison;

/// <summary>
/// Mann-Whitney U test, normal approximation with tie and continuity corrections (as scipy's "asymptotic").
/// Written here rather than taken from Perfolizer 0.6.1: its automatic strategy returns NaN for samples of a
/// few thousand values, and its normal approximation has no tie correction, which latencies at HdrHistogram or
/// microsecond resolution need (many equal values).
/// </summary>
public static class MannWhitney
{
    /// <param name="U">U of <c>y</c>: pairs (x, y) with y &gt; x, ties counting one half.</param>
    /// <param name="PGreater">One-sided p-value for "y tends to be greater than x".</param>
    /// <param name="PLess">One-sided p-value for "y tends to be less than x".</param>
    /// <param name="PTwoSided">Two-sided p-value.</param>
    public sealed record Result(double U, double Z, double PGreater, double PLess, double PTwoSided);

    public static Result Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count == 0 || y.Count == 0) throw new ArgumentException("Both samples need values.");
        double nx = x.Count, ny = y.Count, n = nx + ny;

        // Mid-ranks of the pooled sample, and the tie term sum(t^3 - t) over groups of equal values.
        var pooled = x.Select(v => (Value: v, FromY: false)).Concat(y.Select(v => (Value: v, FromY: true))).OrderBy(p => p.Value).ToArray();
        double rankSumY = 0, tieTerm = 0;
        for (var i = 0; i < pooled.Length;)
        {
            var j = i;
            while (j + 1 < pooled.Length && pooled[j + 1].Value == pooled[i].Value) j++;
            var midRank = (i + j) / 2.0 + 1;
            var t = j - i + 1;
            tieTerm += (double)t * t * t - t;
            for (var k = i; k <= j; k++)
                if (pooled[k].FromY) rankSumY += midRank;
            i = j + 1;
        }

        var u = rankSumY - ny * (ny + 1) / 2;
        var mean = nx * ny / 2;
        var variance = nx * ny / 12 * (n + 1 - tieTerm / (n * (n - 1)));
        if (variance <= 0) return new Result(u, 0, 1, 1, 1); // every value equal: no evidence either way

        var sigma = Math.Sqrt(variance);
        var zGreater = (u - mean - 0.5) / sigma;
        var zLess = (mean - u - 0.5) / sigma;
        var zTwo = (Math.Abs(u - mean) - 0.5) / sigma;
        return new Result(u, (u - mean) / sigma, UpperTail(zGreater), UpperTail(zLess), Math.Min(1, 2 * UpperTail(zTwo)));
    }

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes' erfc, fractional error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
