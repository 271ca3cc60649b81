using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Api;

/// <summary>One of the two engines behind the executor API.</summary>
public interface IAgentExecutor
{
    ExecutorInfo Info { get; }

    /// <summary>
    /// Runs one turn. Throws <see cref="SessionNotFoundException"/>, <see cref="Llm.LlmException"/> (the LLM failed
    /// after retries) or <see cref="RunTimeoutException"/>; <paramref name="startedAt"/> is the request's
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp, for timings_ms.total.
    /// </summary>
    Task<RunResponse> RunAsync(ValidRunRequest request, long startedAt, CancellationToken cancellationToken);
}

/// <summary>A <c>POST /v1/runs</c> body that passed validation, with the default applied.</summary>
public sealed record ValidRunRequest(string Message, string? SessionId, int MaxIterations);

public sealed class SessionNotFoundException(string sessionId) : Exception($"No session '{sessionId}'.")
{
    public string SessionId { get; } = sessionId;
}

/// <summary>The run, or the LLM within it, did not finish in time (504).</summary>
public sealed class RunTimeoutException(string message, Exception? inner = null) : Exception(message, inner);
