using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Accounting;
using BenchApp.MockLlm.Faults;
using BenchApp.MockLlm.Runtime;

namespace BenchApp.MockLlm.Admin;

/// <summary>
/// Runtime control for the load driver: the behaviour model (latency, faults, seed), forced failures,
/// service stats, and per-run accounting. JSON is snake_case; bad input is a 400 naming the field.
/// </summary>
public static partial class AdminEndpoints
{
    private const int MaxAdminBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(MockLlmApi.ConfigPath, (ConfigStore store) =>
            TypedResults.Json(store.Current.Config, MockLlmJsonContext.Default.MockLlmConfig));
        app.MapPut(MockLlmApi.ConfigPath, PutConfigAsync);

        app.MapGet(MockLlmApi.FailNextPath, (FaultInjector faults) =>
            TypedResults.Json(faults.Pending(), MockLlmJsonContext.Default.FailNextRequest));
        app.MapPost(MockLlmApi.FailNextPath, PostFailNextAsync);

        app.MapGet(MockLlmApi.StatsPath, (ServiceStats stats) =>
            TypedResults.Json(stats.Snapshot(), MockLlmJsonContext.Default.MockLlmStats));
        app.MapPost(MockLlmApi.StatsResetPath, (ServiceStats stats) =>
        {
            stats.Reset();
            return TypedResults.NoContent();
        });

        app.MapGet(MockLlmApi.RunsPath + "/{run}", (string run, RunLedger ledger) =>
            ledger.Find(run) is { } found
                ? TypedResults.Json(found, MockLlmJsonContext.Default.RunStats)
                : AdminProblems.RunNotFound(run));
        app.MapGet(MockLlmApi.RunsPath, GetRuns);
        app.MapDelete(MockLlmApi.RunsPath, (RunLedger ledger) =>
        {
            ledger.Clear();
            return TypedResults.NoContent();
        });
        return app;
    }

    private static async Task<IResult> PutConfigAsync(HttpContext context, ConfigStore store)
    {
        var (config, problem) = await ReadBodyAsync(context, MockLlmJsonContext.Default.MockLlmConfig);
        if (problem is not null) return problem;
        var errors = MockLlmConfigValidator.Validate(config);
        if (errors.Count > 0) return AdminProblems.Validation(errors);
        return TypedResults.Json(store.Replace(config!).Config, MockLlmJsonContext.Default.MockLlmConfig);
    }

    private static async Task<IResult> PostFailNextAsync(HttpContext context, FaultInjector faults)
    {
        var (request, problem) = await ReadBodyAsync(context, MockLlmJsonContext.Default.FailNextRequest);
        if (problem is not null) return problem;
        var errors = MockLlmConfigValidator.Validate(request);
        if (errors.Count > 0) return AdminProblems.Validation(errors);
        return TypedResults.Json(faults.SetFailNext(request!), MockLlmJsonContext.Default.FailNextRequest);
    }

    private static IResult GetRuns(HttpContext context, RunLedger ledger)
    {
        var raw = context.Request.Query["ids"].ToString();
        if (string.IsNullOrWhiteSpace(raw))
            return AdminProblems.Field("ids", "Is required: a comma-separated list of run ids (GET /admin/runs/{run} reads one).");
        var ids = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > RunStatsList.MaxIds)
            return AdminProblems.Field("ids", $"At most {RunStatsList.MaxIds} ids per request (got {ids.Length}).");
        foreach (var id in ids)
            if (!RunIdRegex().IsMatch(id))
                return AdminProblems.Field("ids", $"'{id}' is not a run id (1-64 of A-Z a-z 0-9 _ -).");

        var runs = new List<RunStats>(ids.Length);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
            if (ledger.Find(id) is { } found) runs.Add(found);
        return TypedResults.Json(new RunStatsList { Runs = runs }, MockLlmJsonContext.Default.RunStatsList);
    }

    private static async Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (context.Request.ContentLength > MaxAdminBodyBytes)
            return (null, AdminProblems.Field("body", $"Must be at most {MaxAdminBodyBytes} bytes."));
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length > MaxAdminBodyBytes)
                return (null, AdminProblems.Field("body", $"Must be at most {MaxAdminBodyBytes} bytes."));
            if (buffer.Length == 0) return (null, AdminProblems.Field("body", "A JSON object is required."));

            // Syntax first (an error of the body), then shape (an error of a field).
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            }
            catch (JsonException e)
            {
                return (null, AdminProblems.Field("body", $"Malformed JSON: {e.Message}"));
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return (null, AdminProblems.Field("body", "A JSON object is required."));
                var value = document.Deserialize(typeInfo);
                return value is null ? (null, AdminProblems.Field("body", "A JSON object is required.")) : (value, null);
            }
        }
        catch (JsonException e)
        {
            return (null, AdminProblems.FromJsonException(e));
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex RunIdRegex();
}
