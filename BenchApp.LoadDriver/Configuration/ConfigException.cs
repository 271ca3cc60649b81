namespace BenchApp.LoadDriver.Configuration;

/// <summary>A config file or flag that cannot be used; <see cref="Errors"/> name the key (and line) of each problem.</summary>
public sealed class ConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;

    public ConfigException(string error) : this([error]) { }
}
