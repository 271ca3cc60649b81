using System.Text.Json;

namespace BenchApp.Contracts.Runs;

/// <summary>Body of <c>GET /v1/info</c>: what the executor is, truthfully.</summary>
public sealed record ExecutorInfo
{
    public required string Executor { get; init; }
    public required string Language { get; init; }
    public required string RuntimeVersion { get; init; }
    public required string Framework { get; init; }
    public required string FrameworkVersion { get; init; }
    public required bool Durable { get; init; }
    public required string StateStore { get; init; }
    public required int Pid { get; init; }

    /// <summary><c>release</c> or <c>debug</c> for .NET (from the JIT optimizer flag of the entry assembly); null where the language has no such notion.</summary>
    public string? Build { get; init; }

    /// <summary>Server worker processes (Python and Node); null when not reported.</summary>
    public int? Workers { get; init; }

    /// <summary>Every framework default that changes the work, set explicitly (string, number or bool values); null when not reported.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Settings { get; init; }
}
