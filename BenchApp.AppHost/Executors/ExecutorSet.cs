namespace BenchApp.AppHost.Executors;

/// <summary>The executors of this run: those in the model, and those left out with the reason.</summary>
public sealed class ExecutorSet
{
    private readonly List<IResourceBuilder<IResourceWithEndpoints>> _available = [];
    private readonly Dictionary<string, string> _unavailable = new(StringComparer.Ordinal);

    public IReadOnlyList<IResourceBuilder<IResourceWithEndpoints>> Available => _available;
    public IReadOnlyDictionary<string, string> Unavailable => _unavailable;

    public void Add<T>(IResourceBuilder<T> executor) where T : IResourceWithEndpoints =>
        _available.Add((IResourceBuilder<IResourceWithEndpoints>)executor);

    public void MarkUnavailable(string name, string reason) => _unavailable[name] = reason;
}
