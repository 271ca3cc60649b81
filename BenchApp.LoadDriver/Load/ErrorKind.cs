namespace BenchApp.LoadDriver.Load;

/// <summary>Why a request did not count as a good reply.</summary>
public enum ErrorKind
{
    None,

    /// <summary>No connection (refused, reset before a reply, name not resolved).</summary>
    Connect,

    /// <summary>No full reply within the request timeout.</summary>
    Timeout,

    /// <summary>A reply with a non-2xx status.</summary>
    Status,

    /// <summary>A reply that is not the contract's (bad JSON, missing fields, broken HTTP).</summary>
    Protocol,

    /// <summary>A well-formed reply that does not do what the directive asked (llm_calls, tool_calls, iterations...).</summary>
    WrongAnswer,
}
