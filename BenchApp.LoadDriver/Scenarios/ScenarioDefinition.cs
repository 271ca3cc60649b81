using BenchApp.Contracts.Directives;
using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// What one iteration of a scenario sends: <see cref="Turns"/> user turns on one session, each carrying
/// <see cref="Directive"/> (with a fresh <c>run=</c> id), and what every reply must then say.
/// </summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required BenchDirective Directive { get; init; }
    public int Turns { get; init; } = 1;

    /// <summary>Sent as <c>max_iterations</c>; null = the executor's default (10).</summary>
    public int? MaxIterations { get; init; }

    public int ExpectedLlmCalls => Directive.ExpectedLlmCalls;
    public int ExpectedToolCalls => Directive.ToolCalls;

    /// <summary>Replies that carry tool calls, each followed by a tool step of <c>tool_delay_ms</c>.</summary>
    public int ToolSteps => Directive.ToolCalls == 0 ? 0 : Directive.ToolSteps;

    /// <summary>Time the tools are asked to wait per run, which overhead leaves out.</summary>
    public double ToolDelayPerRunMs => ToolSteps * (double)Directive.ToolDelayMs;

    public int EffectiveMaxIterations => MaxIterations ?? ContractLimits.DefaultMaxIterations;

    /// <summary>The user message of one turn: the directive line, tagged with the run id, and a prompt.</summary>
    public string MessageFor(string runId, int turn) =>
        (Directive with { Run = runId }).ToMessage($"Benchmark scenario {Name}, turn {turn + 1}. Answer as the directive says.");
}
