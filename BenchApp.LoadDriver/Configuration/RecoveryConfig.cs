using BenchApp.Contracts.Executors;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// <c>error_recovery:</c> the mock fails the next <see cref="FaultCount"/> completions with each kind in turn;
/// the driver sends the same simple turn, one at a time, until <see cref="GoodStreak"/> correct replies in a row.
/// </summary>
public sealed record ErrorRecoveryConfig
{
    /// <summary>False: the full suite leaves it out (--scenario error-recovery still runs it).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Completions failed per fault kind (fail-next count).</summary>
    public int FaultCount { get; init; } = 3;

    /// <summary>Fault kinds, in order: error (500), rate_limit (429 + Retry-After), hang.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = ["error", "rate_limit", "hang"];

    /// <summary>Retry-After the mock sends with its 429s.</summary>
    public double RetryAfterSeconds { get; init; } = 1;

    /// <summary>How long a hung completion hangs before the mock answers 504 (unless the executor gives up first): keeps the scenario bounded.</summary>
    public int HangMs { get; init; } = 2000;

    /// <summary>Correct replies in a row that count as recovered.</summary>
    public int GoodStreak { get; init; } = 3;

    /// <summary>Bounds of one fault kind: requests sent and seconds spent, whichever comes first.</summary>
    public int MaxRequests { get; init; } = 30;
    public double MaxSeconds { get; init; } = 60;
}

/// <summary>
/// <c>crash_recovery:</c> the driver starts its own copy of each executor that has a start command, kills it
/// (SIGKILL) in the middle of a slow agent loop, starts it again and checks what survived.
/// </summary>
public sealed record CrashRecoveryConfig
{
    /// <summary>False: the full suite leaves it out (--scenario crash-recovery still runs it).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Tool steps of the in-flight turn, each asking the tool to wait <see cref="ToolDelayMs"/>.</summary>
    public int ToolCalls { get; init; } = 4;
    public int ToolDelayMs { get; init; } = 500;

    /// <summary>The kill comes this long after the in-flight turn was sent.</summary>
    public double KillAfterSeconds { get; init; } = 1;

    /// <summary>How long the restarted executor may take to be healthy, and a durable run to finish after it.</summary>
    public double RecoverySeconds { get; init; } = 60;

    public IReadOnlyDictionary<string, ExecutorLaunchConfig> Executors { get; init; } = ExecutorLaunchConfig.Defaults;
}

/// <summary>
/// How the driver starts an executor itself: <see cref="Command"/> and <see cref="Args"/> (<c>{port}</c> is replaced
/// by a free loopback port, <c>{configuration}</c> by the driver's own build configuration), in <see cref="WorkingDirectory"/> (relative to the repository root), with the driver's
/// environment plus <see cref="Environment"/>. <see cref="RequiresEnv"/>: variables that must be set, else not measured.
/// </summary>
public sealed record ExecutorLaunchConfig
{
    public required string Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> RequiresEnv { get; init; } = [];

    /// <summary>Used instead of <see cref="Command"/> when that is a path that does not exist (python-baseline without its venv: Debian's Python).</summary>
    public string? FallbackCommand { get; init; }

    private const string ExecutorsDll = "BenchApp.Executors/bin/{configuration}/net10.0/BenchApp.Executors.dll";
    private const string Loopback = "http://127.0.0.1:{port}";

    /// <summary>The catalogue's executors (contracts/executors.json), each launched as its kind starts.</summary>
    public static IReadOnlyDictionary<string, ExecutorLaunchConfig> Defaults { get; } = ExecutorCatalog.All.ToDictionary(e => e.Name, For);

    public static ExecutorLaunchConfig For(ExecutorEntry entry)
    {
        var port = new Dictionary<string, string> { ["PORT"] = "{port}" };
        var launch = entry.Start.Kind switch
        {
            ExecutorCatalog.Dotnet => new ExecutorLaunchConfig
            {
                Command = "dotnet", Args = [ExecutorsDll, "--executor", entry.Start.Executor!, "--urls", Loopback],
                Environment = new Dictionary<string, string> { ["Executor__Name"] = entry.Name },
            },
            // The venv the AppHost builds for it; the baseline runs on Debian's Python (its packages) without one.
            ExecutorCatalog.Python => new ExecutorLaunchConfig
            {
                Command = $"python-executors/.venvs/{entry.Name}/bin/python", Args = ["-m", entry.Start.Module!],
                FallbackCommand = entry.Start.SystemSitePackages ? "/usr/bin/python3" : null,
                WorkingDirectory = "python-executors", Environment = port,
            },
            _ => new ExecutorLaunchConfig { Command = "node", Args = [entry.Start.Entry!], WorkingDirectory = entry.Start.Package, Environment = port },
        };
        return launch with
        {
            RequiresEnv = entry.Launch.RequiresEnv,
            Environment = new Dictionary<string, string>(launch.Environment.Concat(entry.Launch.Env)),
        };
    }
}
