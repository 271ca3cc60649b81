namespace BenchApp.AppHost.Driver;

/// <summary>
/// The load driver's command line, rebuilt each time it starts, so a dashboard command can change what the
/// next run covers (one scenario, or the whole suite) and restart the driver.
/// </summary>
public sealed class DriverRunRequest(BenchAppSettings settings, string repositoryRoot)
{
    private volatile string[] _scenarios = [.. settings.ScenarioList];

    /// <summary>Scenarios of the next run; empty = the config's suite.</summary>
    public IReadOnlyList<string> Scenarios
    {
        get => _scenarios;
        set => _scenarios = [.. value];
    }

    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>
        {
            "run",
            "--config", Path.GetFullPath(Path.Combine(repositoryRoot, settings.Config)),
            "--output", Path.GetFullPath(Path.Combine(repositoryRoot, settings.Results)),
            // Python frameworks may still be installing their virtualenvs when the driver starts.
            "--health-wait", "300",
            "--plain",
        };
        if (settings.Quick) args.Add("--quick");
        if (settings.RequireAll) args.Add("--require-all");
        if (settings.Iterations is { } n) args.AddRange(["--iterations", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        foreach (var scenario in _scenarios) args.AddRange(["--scenario", scenario]);
        if (!settings.Headless) args.Add("--serve");
        return args;
    }
}
