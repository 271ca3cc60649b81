namespace BenchApp.LoadDriver.Cli;

/// <summary>First Ctrl+C stops the load cleanly (finished scenarios are kept); a second one ends the process.</summary>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private int _presses;

    public ConsoleCancellation(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1) return; // let the second one end the process
        e.Cancel = true;
        Console.Error.WriteLine("Stopping: finishing requests in flight and writing results (Ctrl+C again to quit now)...");
        _source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}
