using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Results;

namespace BenchApp.LoadDriver.Recovery;

/// <summary>Client-side tallies shared by the recovery scenarios.</summary>
public static class RecoveryTurns
{
    public static ErrorCounts Count(IEnumerable<ErrorKind> errors)
    {
        var list = errors.ToList();
        return new ErrorCounts
        {
            Connect = list.Count(e => e == ErrorKind.Connect),
            Timeout = list.Count(e => e == ErrorKind.Timeout),
            Status = list.Count(e => e == ErrorKind.Status),
            Protocol = list.Count(e => e == ErrorKind.Protocol),
            WrongAnswer = list.Count(e => e == ErrorKind.WrongAnswer),
        };
    }

    public static string Name(ErrorKind kind) => kind switch
    {
        ErrorKind.None => "ok",
        ErrorKind.WrongAnswer => "wrong_answer",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
