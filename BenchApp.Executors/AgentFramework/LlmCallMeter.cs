using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// Sits directly on the OpenAI <see cref="IChatClient"/>: times each LLM call (the OpenAI SDK's pipeline, its retries
/// included, and the HTTP exchange) and counts it with its usage into the run's <see cref="AgentTurn"/>; and turns the
/// SDK's failures, once its retry policy has given up, into <see cref="LlmException"/>, which the API maps to 502/504
/// like the other executors' (docs/executor-api.md).
/// </summary>
public sealed class LlmCallMeter(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var turn = AgentTurn.From(options);
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Classify(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
        turn?.AddLlmCall(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.Usage);
        return response;
    }

    /// <summary>
    /// What an SDK failure means for the run, or null for the caller's own cancellation (the run timeout, a client
    /// that went away), which must stay an <see cref="OperationCanceledException"/>.
    /// </summary>
    internal static LlmException? Classify(Exception e, CancellationToken cancellationToken) => e switch
    {
        LlmException => null,
        // ClientRetryPolicy: when the last of several tries threw, all of them come as one AggregateException.
        AggregateException { InnerExceptions.Count: > 0 } all => Classify(all.InnerExceptions[^1], cancellationToken) is { } last
            ? new LlmException(last.Kind, last.Message, last.RetryAfter, all)
            : null,
        // A status from the server, after System.ClientModel's ClientRetryPolicy retried what it retries.
        ClientResultException { Status: > 0 } http => Wrap(LlmException.FromStatus((HttpStatusCode)http.Status, null), http),
        // Status 0: no response at all (HttpClientPipelineTransport wraps the HttpRequestException).
        ClientResultException none => new LlmException(LlmFailureKind.Unreachable, "The LLM could not be reached.", inner: none),
        // The pipeline's NetworkTimeout (per attempt), not our token: the LLM did not answer.
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new LlmException(LlmFailureKind.Timeout, "The LLM did not answer in time.", inner: e),
        OperationCanceledException => null,
        // A 200 whose body the SDK could not read as a chat completion.
        JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException =>
            new LlmException(LlmFailureKind.MalformedReply, "The LLM's reply is not a chat completion.", inner: e),
        _ => null,
    };

    private static LlmException Wrap(LlmException e, Exception inner) => new(e.Kind, e.Message, e.RetryAfter, inner);
}
