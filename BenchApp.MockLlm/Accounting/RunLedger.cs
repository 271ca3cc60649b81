using System.Collections.Concurrent;
using BenchApp.Contracts.MockLlm;

namespace BenchApp.MockLlm.Accounting;

/// <summary>
/// Per-run accounting keyed by the directive's <c>run=</c> id, so the load driver can split the mock's wait
/// and token counts per run. Memory is bounded: past <c>capacity</c> runs the oldest are forgotten.
/// Each answered call is also counted by its call index (the tool results since the user message): an index
/// answered twice is work the executor asked for again, e.g. after a crash, with the tool calls that reply re-issued.
/// </summary>
public sealed class RunLedger(int capacity)
{
    private readonly ConcurrentDictionary<string, Counters> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _arrivalOrder = new();
    private long _count;

    public int Capacity { get; } = capacity;

    public int Count => (int)Interlocked.Read(ref _count);

    public void Record(string run, RequestOutcome outcome, double waitMs, int inputTokens, int outputTokens, int callIndex = -1, int toolCallsIssued = 0)
    {
        if (!_runs.TryGetValue(run, out var counters))
        {
            var fresh = new Counters();
            counters = _runs.GetOrAdd(run, fresh);
            if (ReferenceEquals(counters, fresh))
            {
                _arrivalOrder.Enqueue(run);
                if (Interlocked.Increment(ref _count) > Capacity) Trim();
            }
        }

        Interlocked.Increment(ref counters.Requests);
        if (outcome == RequestOutcome.Ok)
        {
            Interlocked.Increment(ref counters.LlmCalls);
            Interlocked.Add(ref counters.InputTokens, inputTokens);
            Interlocked.Add(ref counters.OutputTokens, outputTokens);
            if (callIndex >= 0) counters.Answered(callIndex, toolCallsIssued);
        }
        else if (outcome.IsInjectedFault())
        {
            Interlocked.Increment(ref counters.Faults);
        }
        if (waitMs > 0) Interlocked.Add(ref counters.WaitMicros, (long)Math.Round(waitMs * 1000));
    }

    public RunStats? Find(string run) => _runs.TryGetValue(run, out var c) ? c.Snapshot(run) : null;

    public void Clear()
    {
        _runs.Clear();
        _arrivalOrder.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    private void Trim()
    {
        while (Interlocked.Read(ref _count) > Capacity && _arrivalOrder.TryDequeue(out var oldest))
        {
            if (_runs.TryRemove(oldest, out _)) Interlocked.Decrement(ref _count);
        }
    }

    private sealed class Counters
    {
        public long Requests;
        public long LlmCalls;
        public long Faults;
        public long WaitMicros;
        public long InputTokens;
        public long OutputTokens;
        private readonly Lock _gate = new();
        private Dictionary<int, int>? _answersByIndex;
        private long _repeatedLlmCalls;
        private long _repeatedToolCalls;

        public void Answered(int callIndex, int toolCalls)
        {
            lock (_gate)
            {
                _answersByIndex ??= [];
                var seen = _answersByIndex.GetValueOrDefault(callIndex);
                _answersByIndex[callIndex] = seen + 1;
                if (seen > 0)
                {
                    _repeatedLlmCalls++;
                    _repeatedToolCalls += toolCalls;
                }
            }
        }

        public RunStats Snapshot(string run) => new()
        {
            Run = run,
            Requests = Interlocked.Read(ref Requests),
            LlmCalls = Interlocked.Read(ref LlmCalls),
            Faults = Interlocked.Read(ref Faults),
            WaitMs = Interlocked.Read(ref WaitMicros) / 1000.0,
            InputTokens = Interlocked.Read(ref InputTokens),
            OutputTokens = Interlocked.Read(ref OutputTokens),
            RepeatedLlmCalls = Interlocked.Read(ref _repeatedLlmCalls),
            RepeatedToolCalls = Interlocked.Read(ref _repeatedToolCalls),
        };
    }
}
