namespace BenchApp.LoadDriver.Recovery;

/// <summary>The scenarios that break something on purpose (and the long soak); they run after the measured ones, per executor.</summary>
public static class RecoveryScenarios
{
    public const string ErrorRecovery = ErrorRecoveryScenario.Name;
    public const string CrashRecovery = CrashRecoveryScenario.Name;
    public const string DependencyFault = DependencyFaultScenario.Name;
    public const string Soak = SoakScenario.Name;

    public static IReadOnlyList<string> Names { get; } = [ErrorRecovery, CrashRecovery, DependencyFault, Soak];

    public static bool IsKnown(string name) => Names.Contains(name);
}
