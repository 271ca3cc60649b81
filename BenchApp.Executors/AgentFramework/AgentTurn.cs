using Microsoft.Extensions.AI;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// One run's limit and accounting. It travels with the run in <see cref="Microsoft.Agents.AI.AgentRunOptions.AdditionalProperties"/>,
/// which <c>ChatClientAgent</c> copies into the <see cref="ChatOptions"/> that every layer below it sees: the LLM meter
/// reads it from the options of each call, the tool wrapper from <see cref="FunctionInvocationContext.Options"/>.
/// (The OpenAI chat client reads nothing from AdditionalProperties but <c>strict</c>, so it never reaches the wire.)
/// Tools of one step may run concurrently, so every update takes the lock.
/// </summary>
public sealed class AgentTurn(int maxIterations)
{
    public const string Key = "benchapp.turn";

    private readonly Lock _lock = new();
    private readonly Dictionary<int, (long Start, long End)> _toolSteps = [];

    public int MaxIterations { get; } = maxIterations;
    public int LlmCalls { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public double LlmMs { get; private set; }
    public int ToolCalls { get; private set; }

    /// <summary>The last allowed LLM call asked for tools: they ran, and the loop was told to stop there.</summary>
    public bool CutAtLimit { get; private set; }

    /// <summary>The LLM calls made so far have used up <see cref="MaxIterations"/>.</summary>
    public bool AtLimit
    {
        get { lock (_lock) return LlmCalls >= MaxIterations; }
    }

    public static AgentTurn? From(ChatOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(Key, out var value) ? value as AgentTurn : null;

    public AdditionalPropertiesDictionary ToAdditionalProperties() => new() { [Key] = this };

    public void AddLlmCall(double elapsedMs, UsageDetails? usage)
    {
        lock (_lock)
        {
            LlmCalls++;
            LlmMs += elapsedMs;
            InputTokens += usage?.InputTokenCount ?? 0;
            OutputTokens += usage?.OutputTokenCount ?? 0;
        }
    }

    /// <summary>
    /// One tool call of step <paramref name="iteration"/>, from <paramref name="start"/> to <paramref name="end"/>
    /// (<see cref="System.Diagnostics.Stopwatch"/> timestamps): a step's time is from its first start to its last end,
    /// so concurrent calls overlap, as the contract's <c>timings_ms.tool</c> says.
    /// </summary>
    public void AddToolCall(int iteration, long start, long end)
    {
        lock (_lock)
        {
            ToolCalls++;
            _toolSteps[iteration] = _toolSteps.TryGetValue(iteration, out var step)
                ? (Math.Min(step.Start, start), Math.Max(step.End, end))
                : (start, end);
        }
    }

    public void MarkCutAtLimit()
    {
        lock (_lock) CutAtLimit = true;
    }

    public double ToolMs
    {
        get
        {
            lock (_lock)
            {
                long ticks = 0;
                foreach (var (start, end) in _toolSteps.Values) ticks += end - start;
                return ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            }
        }
    }
}
