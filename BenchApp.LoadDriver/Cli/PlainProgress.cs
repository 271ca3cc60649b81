using System.Diagnostics;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Cli;

/// <summary>Progress as plain lines (CI logs, pipes): a line when a phase starts, every few seconds, and when it ends.</summary>
public sealed class PlainProgress(TextWriter output) : IRunProgress
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    public IProgressPhase Begin(string executor, string label, long total)
    {
        lock (output) output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {executor} {label}: started");
        return new Phase(output, $"{executor} {label}", total);
    }

    public void Message(string text)
    {
        lock (output) output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");
    }

    private sealed class Phase(TextWriter output, string name, long total) : IProgressPhase
    {
        private long _last = Stopwatch.GetTimestamp();

        public void Update(long done, LiveSnapshot live, bool warmup)
        {
            if (Stopwatch.GetElapsedTime(_last) < Every) return;
            _last = Stopwatch.GetTimestamp();
            var of = total > 0 ? $"/{total}" : "";
            var stats = warmup ? "warm-up" : $"p50 {live.P50Ms:0.###} ms, p99 {live.P99Ms:0.###} ms, errors {live.Errors}";
            lock (output) output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}: {done}{of} iterations, {stats}");
        }

        public void Complete(string summary)
        {
            lock (output) output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {name}: done: {summary}");
        }

        public void Dispose() { }
    }
}
