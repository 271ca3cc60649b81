using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using BenchApp.Executors.Agent;
using Polly.Timeout;

namespace BenchApp.Executors.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions client over a plain <see cref="HttpClient"/> and System.Text.Json:
/// no SDK pipeline between the loop and the wire, so its own cost stays small and visible. Retries are
/// the HttpClient's business (a resilience handler in-process, Temporal's retry policy around the activity).
/// </summary>
public sealed class ChatCompletionClient(HttpClient http, string model)
{
    private static readonly Uri CompletionsPath = new("chat/completions", UriKind.Relative);

    public string Model { get; } = model;

    /// <summary>One chat completion; throws <see cref="LlmException"/> when the LLM failed (after the handler's retries).</summary>
    public async Task<LlmReply> CompleteAsync(IReadOnlyList<ChatMessage> messages, ActivityContext parent, CancellationToken cancellationToken)
    {
        using var span = AgentTelemetry.StartChat(Model, parent);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            ChatCompletionJson.WriteRequest(buffer, Model, messages);
            using var request = new HttpRequestMessage(HttpMethod.Post, CompletionsPath)
            {
                Content = new ReadOnlyMemoryContent(buffer.WrittenMemory) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };

            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw LlmException.FromStatus(response.StatusCode, RetryAfter(response));

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (message, input, output) = ChatCompletionJson.ReadReply(body);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            AgentTelemetry.RecordChat(span, Model, elapsedMs, input, output, errorType: null);
            return new LlmReply(message, input, output, elapsedMs);
        }
        catch (LlmException e)
        {
            AgentTelemetry.RecordChat(span, Model, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, e.Kind.ToString());
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new LlmException(LlmFailureKind.Timeout, "The LLM did not answer in time.", inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, not the caller's token.
            throw new LlmException(LlmFailureKind.Timeout, "The LLM did not answer in time.", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new LlmException(LlmFailureKind.Unreachable, $"The LLM could not be reached ({e.HttpRequestError}).", inner: e);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
