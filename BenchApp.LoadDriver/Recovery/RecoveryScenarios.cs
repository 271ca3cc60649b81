namespace BenchApp.LoadDriver.Recovery;

/// <summary>The scenarios that break something on purpose; they run after the measured ones, per executor.</summary>
public static class RecoveryScenarios
{
    public const string ErrorRecovery = ErrorRecoveryScenario.Name;
    public const string CrashRecovery = CrashRecoveryScenario.Name;

    public static IReadOnlyList<string> Names { get; } = [ErrorRecovery, CrashRecovery];

    public static bool IsKnown(string name) => Names.Contains(name);
}
