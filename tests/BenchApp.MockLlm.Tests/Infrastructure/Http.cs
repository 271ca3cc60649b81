using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>A reply read whole: status, headers, body text and (when JSON) the parsed body.</summary>
public sealed record RawReply(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"Header '{name}' is missing. Body: {Body}");

    public double WaitMs => double.Parse(Header("x-mock-wait-ms"), System.Globalization.CultureInfo.InvariantCulture);
}

public static class Http
{
    public static async Task<RawReply> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new RawReply(response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    public static Task<RawReply> PostAsync(HttpClient http, string path, string body, CancellationToken cancellationToken = default) =>
        SendAsync(http, HttpMethod.Post, path, body, cancellationToken);

    public static Task<RawReply> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);

    public static Task<RawReply> PutAsync(HttpClient http, string path, string body) => SendAsync(http, HttpMethod.Put, path, body);
}

/// <summary>Server-sent events parsed from a whole stream body.</summary>
public sealed record SseEvent(string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public static IReadOnlyList<SseEvent> Parse(string body)
    {
        var events = new List<SseEvent>();
        foreach (var block in body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Append(line[6..]);
            }
            events.Add(new SseEvent(name, data.ToString()));
        }
        return events;
    }
}
