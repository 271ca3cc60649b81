namespace BenchApp.Executors.Api;

/// <summary>
/// A dependency (the state store, the engine) is down, frozen or refusing: the run ends with 503
/// <c>dependency-unavailable</c>, <paramref name="dependency"/> in the problem's <c>dependency</c> member and
/// <paramref name="message"/>, which names it, as its detail.
/// </summary>
public sealed class DependencyUnavailableException(string dependency, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Dependency { get; } = dependency;
}
