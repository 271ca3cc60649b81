using BenchApp.Contracts.MockLlm;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// Turns a measured phase's samples into a <see cref="ScenarioResult"/>: errors by kind, latency histograms,
/// overhead from the mock's per-run wait, state share, throughput. Pure, so it is tested on fixed samples.
/// </summary>
public static class ScenarioAnalysis
{
    public sealed record Input
    {
        public required string Executor { get; init; }
        public required ScenarioPlan Plan { get; init; }
        public required IReadOnlyList<RequestSample> Samples { get; init; }
        public required LoadPhaseResult Phase { get; init; }

        /// <summary>The mock's accounting per run id; null when overhead cannot be measured (see <see cref="MockNote"/>).</summary>
        public IReadOnlyDictionary<string, RunStats>? MockRuns { get; init; }
        public string? MockNote { get; init; }
        public string? LatencyModelNote { get; init; }
        public ResourceUsage? Resources { get; init; }
        public string? ResourcesNote { get; init; }
        public int MaxSamples { get; init; } = 20_000;
        public long Seed { get; init; } = 42;
    }

    public static ScenarioResult Build(Input input)
    {
        var plan = input.Plan;
        var definition = plan.Definition;
        var samples = input.MockRuns is null ? input.Samples : CrossCheck(input.Samples, input.MockRuns, definition.ExpectedLlmCalls);
        var ok = samples.Where(s => s.Error == ErrorKind.None).ToList();
        var open = plan.Model == LoadModel.Open;

        var errors = new ErrorCounts
        {
            Connect = samples.Count(s => s.Error == ErrorKind.Connect),
            Timeout = samples.Count(s => s.Error == ErrorKind.Timeout),
            Status = samples.Count(s => s.Error == ErrorKind.Status),
            Protocol = samples.Count(s => s.Error == ErrorKind.Protocol),
            WrongAnswer = samples.Count(s => s.Error == ErrorKind.WrongAnswer),
        };

        var mismatches = samples.Count(s => s.Error == ErrorKind.WrongAnswer) - input.Samples.Count(s => s.Error == ErrorKind.WrongAnswer);
        var (overhead, overheadNote, accounting) = Overhead(ok, input.MockRuns, input.MockNote, definition.ToolDelayPerRunMs, mismatches);
        var stateTotal = ok.Sum(s => s.ServerTotalMs);
        var primary = ok.Select(s => open ? s.CorrectedLatencyMs : s.LatencyMs).ToList();

        return new ScenarioResult
        {
            Executor = input.Executor,
            Scenario = definition.Name,
            Description = definition.Description,
            Directive = definition.Directive.ToString(),
            Turns = definition.Turns,
            Expected = new ExpectedReply(definition.ExpectedLlmCalls, definition.ExpectedToolCalls, definition.ExpectedLlmCalls),
            Load = new LoadSettings
            {
                Model = plan.Model,
                Concurrency = plan.Concurrency,
                Rate = open ? plan.Rate : null,
                Iterations = plan.Iterations,
                Warmup = plan.Warmup,
                DurationSeconds = plan.DurationSeconds,
                MaxInFlight = open ? plan.MaxInFlight : null,
            },
            LatencyProfile = plan.LatencyProfile,
            LatencyModel = plan.LatencyModel,
            LatencyModelNote = input.LatencyModelNote,
            Requests = samples.Count,
            Ok = ok.Count,
            Errors = errors,
            ErrorRate = samples.Count == 0 ? 0 : Math.Round(errors.Total / (double)samples.Count, 6),
            StatusCodes = samples.Where(s => s.Error == ErrorKind.Status)
                .GroupBy(s => s.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
            ErrorExamples = samples.Where(s => s.Error != ErrorKind.None)
                .Select(s => $"{ErrorNames.Of(s.Error)}: {s.Detail}").Distinct().Take(5).ToList(),
            WallSeconds = Math.Round(input.Phase.ElapsedSeconds, 3),
            ThroughputRps = input.Phase.ElapsedSeconds > 0 ? Math.Round(ok.Count / input.Phase.ElapsedSeconds, 2) : 0,
            LatencyMs = LatencyStats.FromMilliseconds(ok.Select(s => s.LatencyMs), withSpectrum: true),
            LatencyCorrectedMs = open ? LatencyStats.FromMilliseconds(ok.Select(s => s.CorrectedLatencyMs), withSpectrum: true) : null,
            DroppedStarts = open ? input.Phase.Dropped : null,
            ScheduleLagP99Ms = open ? Math.Round(input.Phase.ScheduleLagP99Ms, 3) : null,
            OverheadMs = overhead,
            OverheadNote = overheadNote,
            Mock = accounting,
            ServerMs = ok.Count == 0 ? null : new ServerTimings(
                Round(ok.Average(s => s.ServerTotalMs)), Round(ok.Average(s => s.ServerLlmMs)),
                Round(ok.Average(s => s.ServerToolMs)), Round(ok.Average(s => s.ServerStateMs))),
            State = ok.Count == 0 ? null : new StateShare(
                Round(ok.Average(s => s.ServerStateMs)), Round(ok.Average(s => s.ServerTotalMs)),
                stateTotal > 0 ? Math.Round(ok.Sum(s => s.ServerStateMs) / stateTotal, 4) : 0),
            PerTurnP50Ms = definition.Turns > 1
                ? Enumerable.Range(0, definition.Turns).Select(t => LatencyStats.FromMilliseconds(ok.Where(s => s.Turn == t).Select(s => s.LatencyMs))?.P50 ?? 0).ToList()
                : null,
            Resources = input.Resources,
            ResourcesNote = input.ResourcesNote,
            Efficiency = Efficiency.From(input.Resources, samples.Count, open ? null : plan.Concurrency),
            SamplesMs = Reservoir(primary, input.MaxSamples, input.Seed).Select(Round).ToList(),
        };
    }

    /// <summary>A reply whose run the mock saw answered a different number of times than the directive needs is a wrong answer too.</summary>
    private static List<RequestSample> CrossCheck(IReadOnlyList<RequestSample> samples, IReadOnlyDictionary<string, RunStats> runs, int expectedLlmCalls) =>
        samples.Select(s =>
            s.Error == ErrorKind.None && s.RunId is { } id && runs.TryGetValue(id, out var run) && run.LlmCalls != expectedLlmCalls
                ? s with { Error = ErrorKind.WrongAnswer, Detail = $"the mock LLM answered {run.LlmCalls} calls for run {id}, expected {expectedLlmCalls} (executor said {s.LlmCalls})" }
                : s).ToList();

    private static (LatencyStats?, string?, MockAccounting?) Overhead(
        List<RequestSample> ok, IReadOnlyDictionary<string, RunStats>? runs, string? note, double toolDelayMs, long mismatches)
    {
        if (runs is null) return (null, note ?? "the mock LLM's admin API is not reachable, so the LLM's share of the latency is unknown", null);
        var overheads = new List<double>();
        double waitSum = 0;
        long missing = 0;
        foreach (var sample in ok)
        {
            if (sample.RunId is null || !runs.TryGetValue(sample.RunId, out var run))
            {
                missing++;
                continue;
            }
            waitSum += run.WaitMs;
            overheads.Add(sample.LatencyMs - run.WaitMs - toolDelayMs);
        }
        var accounting = new MockAccounting(overheads.Count, missing, overheads.Count > 0 ? Round(waitSum / overheads.Count) : 0, mismatches);
        var negative = overheads.Count(o => o < 0);
        var text = missing > 0 ? $"{missing} of {ok.Count} runs were unknown to the mock LLM and are left out" : null;
        if (negative > 0) text = (text is null ? "" : text + "; ") + $"{negative} runs measured below the mock's wait (clock skew below 1 ms) are counted as 0";
        return (LatencyStats.FromMilliseconds(overheads), text, accounting);
    }

    /// <summary>Algorithm R with a fixed seed: the same run keeps the same samples.</summary>
    public static IReadOnlyList<double> Reservoir(IReadOnlyList<double> values, int capacity, long seed)
    {
        if (values.Count <= capacity) return values;
        var random = new Random(unchecked((int)seed));
        var kept = values.Take(capacity).ToArray();
        for (var i = capacity; i < values.Count; i++)
        {
            var j = random.NextInt64(i + 1);
            if (j < capacity) kept[j] = values[i];
        }
        return kept;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
