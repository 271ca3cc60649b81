using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// Typed reads from a YAML tree that collect errors instead of throwing, each naming the file, line,
/// column and key path (<c>benchmark-config.yaml:7:17: scenarios[1].iterations: ...</c>).
/// </summary>
internal sealed class YamlNodeReader(string source)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Error(YamlNode node, string path, string message) =>
        _errors.Add($"{source}:{node.Start.Line}:{node.Start.Column}: {path}: {message}");

    /// <summary>The entries of a mapping, or null (with an error) when the node is not one; unknown keys are errors.</summary>
    public IReadOnlyDictionary<string, YamlNode>? Mapping(YamlNode node, string path, IReadOnlyCollection<string>? allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"must be a mapping of keys to values, got {Describe(node)}.");
            return null;
        }
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, path, "keys must be plain strings.");
                continue;
            }
            var keyPath = Join(path, key);
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(keyNode, keyPath, $"unknown key '{key}' (known: {string.Join(", ", allowed)}).");
                continue;
            }
            entries[key] = value;
        }
        return entries;
    }

    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        Error(node, path, $"must be a list, got {Describe(node)}.");
        return null;
    }

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value } && !IsNull(node)) return value;
        Error(node, path, $"must be a non-empty string, got {Describe(node)}.");
        return null;
    }

    public int? Int(YamlNode node, string path, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node) &&
            int.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return value;
            Error(node, path, $"must be between {min} and {max}, got {value}.");
            return null;
        }
        Error(node, path, $"must be an integer between {min} and {max}, got {Describe(node)}.");
        return null;
    }

    public long? Long(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node) &&
            long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(node, path, $"must be an integer, got {Describe(node)}.");
        return null;
    }

    public double? Double(YamlNode node, string path, double min, double max)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node) &&
            double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value >= min && value <= max) return value;
            Error(node, path, $"must be between {Format(min)} and {Format(max)}, got {Format(value)}.");
            return null;
        }
        Error(node, path, $"must be a number between {Format(min)} and {Format(max)}, got {Describe(node)}.");
        return null;
    }

    /// <summary>Seconds as a number (<c>30</c>, <c>0.5</c>) or with a unit (<c>500ms</c>, <c>30s</c>, <c>2m</c>).</summary>
    public double? Seconds(YamlNode node, string path, double min, double max)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node) && DurationText.TryParseSeconds(text, out var seconds))
        {
            if (seconds >= min && seconds <= max) return seconds;
            Error(node, path, $"must be between {Format(min)} s and {Format(max)} s, got {Format(seconds)} s.");
            return null;
        }
        Error(node, path, $"must be a duration (e.g. 30, 30s, 500ms, 2m), got {Describe(node)}.");
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            if (text is "true" or "True" or "yes" or "on") return true;
            if (text is "false" or "False" or "no" or "off") return false;
        }
        Error(node, path, $"must be true or false, got {Describe(node)}.");
        return null;
    }

    public Uri? HttpUrl(YamlNode node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        Error(node, path, $"must be an absolute http(s) URL, got '{text}'.");
        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => node.NodeType.ToString(),
    };

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
