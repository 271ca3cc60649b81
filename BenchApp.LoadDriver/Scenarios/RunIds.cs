using System.Security.Cryptography;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>Unique <c>run=</c> ids for the directive, short so many fit in one /admin/runs?ids= query.</summary>
public sealed class RunIds
{
    private readonly string _prefix = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 5) + "-";
    private long _next;

    public string Next() => _prefix + Interlocked.Increment(ref _next).ToString("x");
}
