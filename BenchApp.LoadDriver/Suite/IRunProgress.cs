using BenchApp.LoadDriver.Load;

namespace BenchApp.LoadDriver.Suite;

/// <summary>Where a run reports what it is doing: progress bars on a terminal, plain lines in CI and logs.</summary>
public interface IRunProgress
{
    IProgressPhase Begin(string executor, string label, long total);

    /// <summary>A line of its own: an executor found unavailable, a scenario's summary.</summary>
    void Message(string text);
}

public interface IProgressPhase : IDisposable
{
    void Update(long done, LiveSnapshot live, bool warmup);
    void Complete(string summary);
}

/// <summary>Reports nothing (tests, nested runs).</summary>
public sealed class SilentProgress : IRunProgress, IProgressPhase
{
    public static readonly SilentProgress Instance = new();
    public IProgressPhase Begin(string executor, string label, long total) => this;
    public void Message(string text) { }
    public void Update(long done, LiveSnapshot live, bool warmup) { }
    public void Complete(string summary) { }
    public void Dispose() { }
}
