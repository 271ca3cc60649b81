namespace BenchApp.LoadDriver.Load;

/// <summary>The names error kinds have in results.json, reports and metrics.</summary>
public static class ErrorNames
{
    public static string Of(ErrorKind kind) => kind switch
    {
        ErrorKind.Connect => "connect",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Status => "status",
        ErrorKind.Protocol => "protocol",
        ErrorKind.WrongAnswer => "wrong_answer",
        _ => "ok",
    };
}
