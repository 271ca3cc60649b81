using System.Collections;
using BenchApp.Contracts.Executors;
using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Discovery;

/// <summary>
/// Finds the executors and the mock LLM. In order: <c>--executor name=url</c> flags; else Aspire's service
/// discovery variables (<c>services__NAME__http__0</c>) and the AppHost's <c>BENCH_UNAVAILABLE__NAME=reason</c>
/// for executors it could not start; else the config's <c>executors:</c>.
/// </summary>
public static class ExecutorDiscovery
{
    /// <summary>The executor resources of the AppHost, in report order: the catalogue's (contracts/executors.json).</summary>
    public static IReadOnlyList<string> KnownExecutors => ExecutorCatalog.Names;

    public const string MockResource = "mock-llm";
    public const string UnavailablePrefix = "BENCH_UNAVAILABLE__";

    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    public static IReadOnlyList<ExecutorTarget> Discover(
        BenchmarkConfig config, IReadOnlyList<string> executorFlags, IReadOnlyList<string> only, IReadOnlyDictionary<string, string?> environment)
    {
        var targets = executorFlags.Count > 0 ? FromFlags(executorFlags)
            : FromEnvironment(environment) is { Count: > 0 } fromAppHost ? fromAppHost
            : config.Executors.Select(e => new ExecutorTarget(e.Name, e.Url, "config")).ToList();

        if (only.Count == 0) return targets;
        var unknown = only.Where(name => targets.All(t => t.Name != name)).ToList();
        if (unknown.Count > 0)
            throw new ConfigException($"--executors: {string.Join(", ", unknown)} not found (found: {(targets.Count == 0 ? "none" : string.Join(", ", targets.Select(t => t.Name)))}).");
        return targets.Where(t => only.Contains(t.Name)).ToList();
    }

    private static List<ExecutorTarget> FromFlags(IReadOnlyList<string> flags)
    {
        var targets = new List<ExecutorTarget>();
        foreach (var flag in flags)
        {
            var eq = flag.IndexOf('=');
            if (eq <= 0 || !Uri.TryCreate(flag[(eq + 1)..], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw new ConfigException($"--executor: '{flag}' is not NAME=URL (e.g. dotnet-inproc=http://localhost:5101).");
            var name = flag[..eq];
            if (targets.Any(t => t.Name == name)) throw new ConfigException($"--executor: '{name}' is given twice.");
            targets.Add(new ExecutorTarget(name, WithSlash(url), "flag"));
        }
        return targets;
    }

    /// <summary>What the AppHost says: an endpoint per executor it started, a reason per executor it could not.</summary>
    public static List<ExecutorTarget> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var targets = new List<ExecutorTarget>();
        foreach (var name in KnownExecutors)
        {
            if (ServiceUrl(environment, name) is { } url) targets.Add(new ExecutorTarget(name, url, "aspire"));
            else if (Lookup(environment, UnavailablePrefix + name) is { Length: > 0 } reason) targets.Add(new ExecutorTarget(name, null, "aspire", reason));
        }
        return targets;
    }

    /// <summary>The mock LLM: the flag, else service discovery, else the config; null when none is known.</summary>
    public static Uri? MockLlm(string? flag, BenchmarkConfig config, IReadOnlyDictionary<string, string?> environment)
    {
        if (flag is not null)
            return Uri.TryCreate(flag, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? WithSlash(url)
                : throw new ConfigException($"--mock-llm: '{flag}' is not an http(s) URL.");
        return ServiceUrl(environment, MockResource) ?? (config.Llm.Mock.Url is { } configured ? WithSlash(configured) : null);
    }

    private static Uri? ServiceUrl(IReadOnlyDictionary<string, string?> environment, string resource)
    {
        foreach (var scheme in new[] { "http", "https" })
            if (Lookup(environment, $"services__{resource}__{scheme}__0") is { Length: > 0 } value &&
                Uri.TryCreate(value, UriKind.Absolute, out var url))
                return WithSlash(url);
        return null;
    }

    // Environment variable names may arrive with '-' or '_' for the resource name, depending on the shell.
    private static string? Lookup(IReadOnlyDictionary<string, string?> environment, string key) =>
        environment.TryGetValue(key, out var value) ? value
        : environment.TryGetValue(key.Replace('-', '_'), out value) ? value
        : null;

    public static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
