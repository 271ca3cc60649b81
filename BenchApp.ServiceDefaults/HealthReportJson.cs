using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>/health</c> body every BenchApp service and executor writes (docs/executor-api.md):
/// <c>{"status":"healthy"|"unhealthy","failing":[names],"checks":{name:"ok"|what is wrong}}</c>,
/// so a caller that waits on a 503 can say which dependency fails and why.
/// </summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToArray();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["status"] = failing.Length == 0 ? "healthy" : "unhealthy",
            ["failing"] = failing,
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy
                ? "ok"
                : e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString()),
        });
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}
