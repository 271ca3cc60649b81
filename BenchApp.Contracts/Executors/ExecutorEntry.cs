namespace BenchApp.Contracts.Executors;

/// <summary>One executor of the catalogue (contracts/executors.json): what it is, how it starts, what it needs.</summary>
public sealed record ExecutorEntry(
    string Name,
    string Language,
    string Framework,
    string Summary,
    ExecutorStart Start,
    IReadOnlyList<string> Needs,
    ExecutorLaunchExtras Launch)
{
    public bool Requires(string dependency) => Needs.Contains(dependency, StringComparer.Ordinal);
}

/// <summary>
/// How the executor's process starts. <see cref="Kind"/> <c>dotnet</c>: <c>BenchApp.Executors --executor {Executor}</c>;
/// <c>python</c>: <c>python -m {Module}</c> in python-executors/, its venv from <see cref="Requirements"/>;
/// <c>node</c>: <c>node {Entry}</c> in <see cref="Package"/>, its modules from the package's lockfile.
/// </summary>
public sealed record ExecutorStart(
    string Kind,
    string? Executor = null,
    string? Module = null,
    string? Requirements = null,
    bool SystemSitePackages = false,
    string? Package = null,
    string? Entry = null);

/// <summary>What the driver adds when it launches its own copy (crash recovery, cold start): required variables and extra environment.</summary>
public sealed record ExecutorLaunchExtras(IReadOnlyList<string> RequiresEnv, IReadOnlyDictionary<string, string> Env)
{
    public static readonly ExecutorLaunchExtras None = new([], new Dictionary<string, string>());
}
