using BenchApp.Contracts.Directives;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// The five scenarios (the seed's names). The config may change their sizes and directive numbers; the
/// shape (turns, tools) is fixed here so every executor is asked the same thing.
/// </summary>
public static class ScenarioCatalog
{
    public const string SimpleChat = "simple-chat";
    public const string ToolExecution = "tool-execution";
    public const string MultiTurn = "multi-turn";
    public const string AgentLoop = "agent-loop";
    public const string Concurrent = "concurrent";

    public static IReadOnlyList<string> Names { get; } = [SimpleChat, ToolExecution, MultiTurn, AgentLoop, Concurrent];

    private static readonly Dictionary<string, ScenarioDefinition> Builtin = new()
    {
        [SimpleChat] = new()
        {
            Name = SimpleChat,
            Description = "one LLM call, no tools",
            Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 16 },
        },
        [ToolExecution] = new()
        {
            Name = ToolExecution,
            Description = "LLM -> tool -> LLM",
            Directive = new BenchDirective { ToolCalls = 1, ReplyTokens = 16 },
        },
        [MultiTurn] = new()
        {
            Name = MultiTurn,
            Description = "5 turns on one session (history loaded and persisted each turn)",
            Directive = new BenchDirective { ToolCalls = 0, ReplyTokens = 16 },
            Turns = 5,
        },
        [AgentLoop] = new()
        {
            Name = AgentLoop,
            Description = "10 tool iterations, then the answer (11 LLM calls)",
            Directive = new BenchDirective { ToolCalls = 10, ReplyTokens = 16 },
            MaxIterations = 11,
        },
        [Concurrent] = new()
        {
            Name = Concurrent,
            Description = "LLM -> tool -> LLM on many sessions at once",
            Directive = new BenchDirective { ToolCalls = 1, ReplyTokens = 16 },
        },
    };

    public static bool IsKnown(string name) => Builtin.ContainsKey(name);

    /// <summary>The scenario with the config's overrides applied; throws <see cref="ConfigException"/> when they break a rule.</summary>
    public static ScenarioDefinition Resolve(ScenarioConfig config) =>
        TryResolve(config, out var definition, out var error) ? definition! : throw new ConfigException($"scenarios.{config.Name}: {error}");

    public static bool TryResolve(ScenarioConfig config, out ScenarioDefinition? definition, out string? error)
    {
        definition = null;
        if (!Builtin.TryGetValue(config.Name, out var builtin))
        {
            error = $"unknown scenario '{config.Name}' (known: {string.Join(", ", Names)}).";
            return false;
        }

        var directive = builtin.Directive with
        {
            ToolCalls = config.ToolCalls ?? builtin.Directive.ToolCalls,
            ReplyTokens = config.ReplyTokens ?? builtin.Directive.ReplyTokens,
            Parallel = config.Parallel ?? builtin.Directive.Parallel,
            ToolDelayMs = config.ToolDelayMs ?? builtin.Directive.ToolDelayMs,
        };
        // The directive's own parser holds the ranges; round-tripping through it keeps one set of rules.
        if (!BenchDirective.TryParse(directive.ToString(), out _, out error)) return false;

        var candidate = builtin with
        {
            Directive = directive,
            Turns = config.Turns ?? builtin.Turns,
            MaxIterations = config.MaxIterations ?? builtin.MaxIterations,
        };
        if (candidate.Turns is < 1 or > 10_000)
        {
            error = $"turns must be between 1 and 10000, got {candidate.Turns}.";
            return false;
        }
        if (candidate.EffectiveMaxIterations is < ContractLimits.MinIterations or > ContractLimits.MaxIterations)
        {
            error = $"max_iterations must be between {ContractLimits.MinIterations} and {ContractLimits.MaxIterations}, got {candidate.EffectiveMaxIterations}.";
            return false;
        }
        if (candidate.EffectiveMaxIterations < candidate.ExpectedLlmCalls)
        {
            error = $"max_iterations ({candidate.EffectiveMaxIterations}) is below the {candidate.ExpectedLlmCalls} LLM calls the directive needs; raise it.";
            return false;
        }
        definition = candidate;
        error = null;
        return true;
    }
}
