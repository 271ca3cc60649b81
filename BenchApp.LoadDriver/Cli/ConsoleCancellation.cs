using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchApp.LoadDriver.Suite;

namespace BenchApp.LoadDriver.Cli;

/// <summary>
/// SIGINT (Ctrl+C) or SIGTERM stops the load cleanly: the token is cancelled, finished scenarios are kept and the
/// run is written as <c>interrupted</c>; the process then exits 130 (SIGINT) or 143 (SIGTERM), as a shell reports a
/// process ended by that signal. When the run has not stopped within <see cref="Grace"/>, <see cref="BeforeForcedExit"/>
/// marks it interrupted and the process exits with that code anyway; a second signal ends it at once.
/// </summary>
public sealed class ConsoleCancellation : IDisposable
{
    /// <summary>How long the run may take to stop after the signal (the whole stack must be gone within 10 s).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(7);

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(2);

    private int _exitCode;
    private long _firstSignalAt;

    public ConsoleCancellation(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, null when no signal came.</summary>
    public int? InterruptExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    /// <summary>Called, at most once, just before a run that did not stop in time is ended by force.</summary>
    public Action? BeforeForcedExit { get; set; }

    private void OnSignal(PosixSignalContext context)
    {
        var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0)
        {
            // The same interruption often arrives twice (Ctrl+C reaches the process group, and the AppHost sends
            // SIGTERM): only a signal well after the first one means "quit now" (the default action).
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref _firstSignalAt)) > RepeatWindow) context.Cancel = false;
            return;
        }
        Volatile.Write(ref _firstSignalAt, Stopwatch.GetTimestamp());
        Console.Error.WriteLine($"{context.Signal}: stopping the load, keeping the finished scenarios, writing the run as interrupted (again to quit now)...");
        _source.Cancel();
        _ = Task.Run(async () =>
        {
            await Task.Delay(Grace).ConfigureAwait(false);
            Console.Error.WriteLine($"The run did not stop within {Grace.TotalSeconds:0} s of {context.Signal}; ending it.");
            try { BeforeForcedExit?.Invoke(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"Could not mark the run interrupted: {e.Message}"); }
            Environment.Exit(code);
        });
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }
}
