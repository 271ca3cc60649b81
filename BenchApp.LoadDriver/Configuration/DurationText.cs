using System.Globalization;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>Durations as people write them in configs and flags: <c>30</c> (seconds), <c>500ms</c>, <c>30s</c>, <c>2m</c>.</summary>
public static class DurationText
{
    public static bool TryParseSeconds(string text, out double seconds)
    {
        seconds = 0;
        text = text.Trim();
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) return false;
        seconds = value * scale;
        return true;
    }
}
