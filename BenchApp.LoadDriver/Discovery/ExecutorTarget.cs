namespace BenchApp.LoadDriver.Discovery;

/// <summary>An executor the run should cover: where it is (or why it is not there) and who said so.</summary>
public sealed record ExecutorTarget(string Name, Uri? Url, string Source, string? UnavailableReason = null);
