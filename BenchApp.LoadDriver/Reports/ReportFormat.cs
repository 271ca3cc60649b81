using System.Globalization;

namespace BenchApp.LoadDriver.Reports;

/// <summary>How numbers read in the reports: enough digits to compare, no more, and a dash for "not measured".</summary>
public static class ReportFormat
{
    public const string None = "—";

    public static string Ms(double? ms) => ms switch
    {
        null => None,
        < 10 => ms.Value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => ms.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Number(double? value, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string MiB(long? kb) => kb is { } k ? (k / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : None;

    public static string Percent(double? share, string format = "0.0") =>
        share is { } s ? (s * 100).ToString(format, CultureInfo.InvariantCulture) + "%" : None;

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    /// <summary>Text safe inside a Markdown table cell.</summary>
    public static string Cell(string? text) => string.IsNullOrEmpty(text) ? None : text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
