using System.Globalization;

namespace BenchApp.Contracts.Tools;

/// <summary>
/// How tools print numbers, identically in C# and Python: take the shortest round-trip decimal form of the
/// double (the same digits in both languages), round it to six decimals with midpoints away from zero, drop
/// trailing zeros, never print "-0". Magnitudes from 1e15 up are refused, as decimal arithmetic needs a bound.
/// </summary>
public static class ToolNumberFormat
{
    public const double MaxMagnitude = 1e15;

    public static bool TryFormat(double value, out string text)
    {
        text = "";
        if (!double.IsFinite(value) || Math.Abs(value) >= MaxMagnitude) return false;

        var shortest = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        var rounded = Math.Round(shortest, 6, MidpointRounding.AwayFromZero);
        text = rounded.ToString("0.######", CultureInfo.InvariantCulture);
        if (text == "-0") text = "0";
        return true;
    }
}
