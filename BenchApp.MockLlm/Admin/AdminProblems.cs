using System.Text.Json;
using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;

namespace BenchApp.MockLlm.Admin;

/// <summary>RFC 7807 replies of the admin API, naming the field at fault.</summary>
public static class AdminProblems
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Json(ProblemBody.Validation(errors), MockLlmJsonContext.Default.ProblemBody,
            ProblemBody.ContentType, StatusCodes.Status400BadRequest);

    public static IResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult RunNotFound(string run) => TypedResults.Json(new ProblemBody
    {
        Type = "https://benchapp.dev/problems/run-not-found",
        Title = "Run not found.",
        Status = StatusCodes.Status404NotFound,
        Detail = $"No run '{run}' is known (never seen, forgotten past the ledger's capacity, or deleted).",
    }, MockLlmJsonContext.Default.ProblemBody, ProblemBody.ContentType, StatusCodes.Status404NotFound);

    /// <summary>
    /// Turns a deserialization failure into a field error: <c>$.latency.ttft_ms</c> -> <c>latency.ttft_ms</c>;
    /// a field the type does not have is named as unknown. (Syntax errors are caught before, as errors of <c>body</c>.)
    /// </summary>
    public static IResult FromJsonException(JsonException e)
    {
        var path = e.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var unknown = UnknownProperty(e.Message);
            var field = path is null ? unknown ?? "body" : unknown is null ? path : $"{path}.{unknown}";
            if (path is not null && unknown is not null && path.EndsWith(unknown, StringComparison.Ordinal)) field = path;
            return Field(field, "Unknown field.");
        }
        return Field(path ?? "body", "Has the wrong type or an invalid value.");
    }

    private static string? UnknownProperty(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }
}
