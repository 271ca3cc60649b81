namespace BenchApp.LoadDriver.Suite;

/// <summary>What the driver's exit code means (CI gates on these).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run failed, or the config or a flag is invalid (the message names it).</summary>
    public const int Failed = 1;

    /// <summary>No executor was available.</summary>
    public const int NoExecutor = 2;

    /// <summary><c>--require-all</c>: an executor of the run is unavailable (each is named); nothing was measured.</summary>
    public const int Unavailable = 3;

    /// <summary>Stopped by SIGINT (Ctrl+C): 128 + 2, as a shell reports it; the run is written as interrupted.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15; the run is written as interrupted.</summary>
    public const int Terminated = 143;

    /// <summary>A regression in <c>compare</c>, or a broken threshold in <c>run</c> (k6's code).</summary>
    public const int Regression = 99;
}
