using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BenchApp.Robustness.Tests;

/// <summary>What a service answered to one <see cref="BadInputCase"/>.</summary>
public sealed record Answer(int Status, string? MediaType, string Body)
{
    public JsonElement Json()
    {
        try
        {
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"HTTP {Status} ({MediaType}) body is not JSON ({e.Message}): {Shorten(Body)}");
        }
    }

    public override string ToString() => $"HTTP {Status} {MediaType}: {Shorten(Body)}";

    public static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + $"... ({text.Length} chars)";
}

/// <summary>Sends the cases as raw bytes (so malformed bodies reach the server untouched) and checks what comes back.</summary>
public static partial class Probe
{
    public static async Task<Answer> SendAsync(HttpClient http, string path, BadInputCase @case, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(@case.Method), path);
        if (@case.Method != "GET")
        {
            request.Content = new ByteArrayContent(@case.Body);
            if (@case.ContentType is { } type) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public static async Task AssertHealthyAsync(HttpClient http, string who, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("health", cancellationToken);
        Assert.True((int)response.StatusCode == 200, $"{who} /health answered {(int)response.StatusCode} after the case");
    }

    /// <summary>No .NET or Python stack trace, no source paths.</summary>
    public static void AssertNoStackTrace(Answer answer)
    {
        Assert.False(StackTrace().IsMatch(answer.Body), $"the body carries a stack trace: {answer}");
    }

    public static void AssertStatus(BadInputCase @case, Answer answer) =>
        Assert.True(answer.Status >= @case.MinStatus && answer.Status <= @case.MaxStatus,
            $"{@case.Name} ({@case.What}): expected {@case.Expected}, got {answer}");

    /// <summary>The contract's problem+json: type, title, status (matching the response), detail, and errors naming the field.</summary>
    public static void AssertProblem(BadInputCase @case, Answer answer)
    {
        Assert.True(answer.MediaType == "application/problem+json", $"{@case.Name}: content type {answer.MediaType}, not application/problem+json: {answer}");
        var problem = answer.Json();
        Assert.True(problem.ValueKind == JsonValueKind.Object, $"{@case.Name}: problem is not an object: {answer}");
        Assert.True(problem.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == answer.Status,
            $"{@case.Name}: problem.status does not repeat {answer.Status}: {answer}");
        foreach (var name in new[] { "type", "title" })
            Assert.True(problem.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0,
                $"{@case.Name}: problem.{name} missing or empty: {answer}");
        if (@case.Fields.Length == 0) return;

        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object,
            $"{@case.Name}: no errors object naming {@case.Field}: {answer}");
        var named = errors.EnumerateObject().FirstOrDefault(p => @case.Fields.Contains(p.Name));
        Assert.True(named.Value.ValueKind == JsonValueKind.Array, $"{@case.Name}: errors names {string.Join(",", errors.EnumerateObject().Select(p => p.Name))}, expected {@case.Field}: {answer}");
        Assert.True(named.Value.GetArrayLength() > 0 && named.Value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString()!.Length > 0),
            $"{@case.Name}: errors.{named.Name} holds no message: {answer}");
    }

    /// <summary>Runs the expectations of <paramref name="case"/>, then checks the service is still healthy.</summary>
    public static async Task ExpectAsync(BadInputCase @case, Answer answer, HttpClient http, string who, Action expectations, CancellationToken cancellationToken)
    {
        expectations();
        await AssertHealthyAsync(http, who, cancellationToken);
    }

    [GeneratedRegex(@"Traceback \(most recent call last\)|File ""[^""]+\.py"", line|\bat [\w.`<>]+\(.*\)|\.cs:line \d+|\w+Exception:")]
    private static partial Regex StackTrace();
}
