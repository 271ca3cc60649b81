using System.Text.Json;
using BenchApp.Contracts.Runs;
using Microsoft.AspNetCore.WebUtilities;

namespace BenchApp.Executors.Api;

/// <summary>The contract's RFC 7807 errors (docs/executor-api.md), word for word the same as the Python executors'.</summary>
public static class Problems
{
    private const string Base = "https://benchapp.dev/problems/";

    public static ProblemBody Field(string field, string message) =>
        ProblemBody.Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemBody SessionNotFound(string sessionId) => new()
    {
        Type = Base + "session-not-found", Title = "Session not found.", Status = 404, Detail = $"No session '{sessionId}'.",
    };

    public static ProblemBody UnsupportedMediaType(string? contentType) => new()
    {
        Type = Base + "unsupported-media-type", Title = "Unsupported media type.", Status = 415,
        Detail = $"Content-Type must be application/json (got {(string.IsNullOrEmpty(contentType) ? "none" : $"'{contentType}'")}).",
    };

    public static ProblemBody LlmUnavailable(string detail) => new()
    {
        Type = Base + "llm-unavailable", Title = "The LLM failed after retries.", Status = 502, Detail = detail,
    };

    public static ProblemBody Timeout(string detail) => new()
    {
        Type = Base + "timeout", Title = "The run timed out.", Status = 504, Detail = detail,
    };

    public static ProblemBody DependencyUnavailable(string dependency, string detail) => new()
    {
        Type = Base + "dependency-unavailable", Title = "A dependency is unavailable.", Status = 503, Detail = detail, Dependency = dependency,
    };

    public static ProblemBody Internal() => new()
    {
        Title = "Internal error.", Status = 500, Detail = "The run failed; see the executor's logs.",
    };

    /// <summary>Routing errors (unknown path, wrong method) in the same shape.</summary>
    public static ProblemBody ForStatus(int status) => new()
    {
        Title = ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.", Status = status,
    };

    public static Task WriteAsync(HttpContext context, ProblemBody problem)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(problem, ExecutorJsonContext.Default.ProblemBody);
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = ProblemBody.ContentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}
