using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Hosting;
using Microsoft.Extensions.Options;

namespace BenchApp.MockLlm.Runtime;

/// <summary>Holds the behaviour model in force: from configuration at start, replaced by <c>PUT /admin/config</c>.</summary>
public sealed class ConfigStore(IOptions<MockLlmOptions> options)
{
    private volatile ActiveConfig _current = new(options.Value.ToConfig());

    public ActiveConfig Current => _current;

    /// <summary>Swaps in a validated config; requests already planned finish under the old one.</summary>
    public ActiveConfig Replace(MockLlmConfig config)
    {
        var next = new ActiveConfig(config);
        _current = next;
        return next;
    }
}
