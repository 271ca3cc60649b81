namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// <c>dependency_fault:</c> the driver freezes Redis (<c>CLIENT PAUSE ms ALL</c>) for <see cref="PauseSeconds"/>
/// while <see cref="Concurrency"/> workers keep sending turns one at a time, and sees how each executor answers
/// during the pause and how soon after it a reply is right again.
/// </summary>
public sealed record DependencyFaultConfig
{
    /// <summary>False: the full suite leaves it out (--scenario dependency-fault still runs it).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long Redis is frozen.</summary>
    public double PauseSeconds { get; init; } = 5;

    /// <summary>Workers, each sending its next turn when its last one is answered.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Good turns before the pause (each worker): the executor is warm and its session exists.</summary>
    public int WarmupTurns { get; init; } = 3;

    /// <summary>After the pause, turns go on until <see cref="GoodStreak"/> correct replies in a row or this many seconds.</summary>
    public double RecoverySeconds { get; init; } = 30;
    public int GoodStreak { get; init; } = 3;

    /// <summary>The driver gives up on one answer after this: a run that is not bounded shows as a timeout, not as a stuck scenario.</summary>
    public double MaxAnswerSeconds { get; init; } = 30;
}

/// <summary>
/// <c>soak:</c> an open loop at <see cref="PeakShare"/> of each executor's measured peak throughput (the concurrent
/// scenario's or the sweep's of this run, else <see cref="FallbackRps"/>) for <see cref="DurationSeconds"/>: memory
/// slope, latency drift and errors over time. Full suite only (never --quick unless named).
/// </summary>
public sealed record SoakConfig
{
    public bool Enabled { get; init; } = true;
    public double DurationSeconds { get; init; } = 600;
    public double PeakShare { get; init; } = 0.5;

    /// <summary>The rate when this run measured no throughput for the executor.</summary>
    public double FallbackRps { get; init; } = 20;

    /// <summary>Most turns in flight before a start is dropped (and counted).</summary>
    public int MaxInFlight { get; init; } = 200;

    /// <summary>The scenario whose turn is sent (one request each): a known catalogue name.</summary>
    public string Scenario { get; init; } = "tool-execution";
}
