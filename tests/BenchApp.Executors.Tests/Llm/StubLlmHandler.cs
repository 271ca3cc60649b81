using System.Net;
using System.Text;

namespace BenchApp.Executors.Tests.Llm;

/// <summary>An HTTP handler that answers from a queue of responses and keeps every request body it saw.</summary>
internal sealed class StubLlmHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

    public StubLlmHandler Reply(HttpStatusCode status, string body = "{}", TimeSpan? retryAfter = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter is { } wait) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            return response;
        });
        return this;
    }

    public StubLlmHandler ReplyText(string text, int promptTokens = 7, int completionTokens = 3) =>
        Reply(HttpStatusCode.OK, System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "x",
            @object = "chat.completion",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        if (_responses.Count == 0) throw new InvalidOperationException("No scripted response left.");
        return _responses.Dequeue()();
    }
}
