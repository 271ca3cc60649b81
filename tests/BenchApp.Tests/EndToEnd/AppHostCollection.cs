namespace BenchApp.Tests.EndToEnd;

/// <summary>Tests that start the whole AppHost run one at a time: they share the Python venvs and two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "AppHost";
}
