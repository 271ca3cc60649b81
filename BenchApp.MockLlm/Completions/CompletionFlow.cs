using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchApp.MockLlm.Accounting;
using BenchApp.MockLlm.Faults;
using BenchApp.MockLlm.Hosting;
using BenchApp.MockLlm.Latency;
using BenchApp.MockLlm.Runtime;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;
using BenchApp.MockLlm.Telemetry;
using Microsoft.Extensions.Options;

namespace BenchApp.MockLlm.Completions;

/// <summary>
/// One completion, the same for every provider: read and check the body, plan the scripted reply, draw a
/// fault, wait the planned latency, answer (whole or streamed), then account for it once (stats, run ledger,
/// metrics). Bad input of any kind is a 400 in the provider's error shape, never a 500.
/// </summary>
public sealed class CompletionFlow(
    ConfigStore configs,
    FaultInjector faults,
    ServiceStats stats,
    RunLedger runs,
    MockLlmMetrics metrics,
    IOptions<MockLlmOptions> options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private readonly int _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context, IProviderProtocol protocol)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = IdGenerator.New("req_");

        Prepared prepared;
        try
        {
            var body = await RequestBodyReader.ReadAsync(context.Request, _maxBodyBytes, context.RequestAborted);
            try
            {
                prepared = Prepare(body, protocol);
            }
            finally
            {
                body.Release();
            }
        }
        catch (BadHttpRequestException e)
        {
            prepared = new Prepared(null, null, ProviderError.Invalid($"The request body could not be read: {e.Message}", "body"));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            Finish(protocol, null, RequestOutcome.Cancelled, started, 0, null, 0, 0, 0);
            return;
        }

        if (prepared.Error is { } error)
        {
            SendError(context, protocol, error, requestId, started, waitedMs: 0);
            Finish(protocol, prepared.Request?.Model, RequestOutcome.BadRequest, started, 0, prepared.Plan?.Run, 0, 0, 0);
            return;
        }

        var request = prepared.Request!;
        var plan = prepared.Plan!;
        var active = configs.Current;
        var sequence = active.NextSequence();
        var fault = faults.Decide(active, sequence);
        if (fault != FaultKind.None)
        {
            await FailAsync(context, protocol, fault, active, request, plan, requestId, started);
            return;
        }

        var reply = new ReplyContext(request, plan, active.Latency.Plan(plan.OutputTokens, sequence),
            IdGenerator.New(protocol.ResponseIdPrefix), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        if (request.Stream) await StreamAsync(context, protocol, reply, requestId, started);
        else await RespondAsync(context, protocol, reply, requestId, started);
    }

    private Prepared Prepare(in RequestBody body, IProviderProtocol protocol)
    {
        if (body.IsTooLarge)
            return new Prepared(null, null, ProviderError.Invalid(
                $"The request body is larger than the limit of {_maxBodyBytes} bytes.", "body"));

        var request = new ChatRequest();
        try
        {
            using var document = JsonDocument.Parse(body.Buffer, DocumentOptions);
            if (!protocol.TryRead(document.RootElement, request, out var error)) return new Prepared(request, null, error);

            var plan = ScriptedReplyPlanner.Plan(request, protocol.ToolCallIdPrefix);
            return plan.Error is { } message
                ? new Prepared(request, plan, ProviderError.Invalid(message, protocol.MessagesField))
                : new Prepared(request, plan, null);
        }
        catch (JsonException e)
        {
            return new Prepared(request, null, ProviderError.Invalid(
                $"We could not parse the JSON body of your request: {e.Message}", "body"));
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument accepts invalid UTF-8 and lone surrogates inside strings; reading them throws later.
            return new Prepared(request, null, ProviderError.Invalid(
                $"The request body holds a string that is not valid UTF-8 text: {e.Message}", "body"));
        }
    }

    private async Task RespondAsync(HttpContext context, IProviderProtocol protocol, ReplyContext reply, string requestId, long started)
    {
        double waited = 0;
        if (!reply.Latency.IsZero)
        {
            try
            {
                waited = await DeliberateWait.DelayAsync(reply.Latency.TotalMs, context.RequestAborted);
            }
            catch (WaitCancelledException e)
            {
                Finish(protocol, reply.Request.Model, RequestOutcome.Cancelled, started, e.WaitedMs, reply.Plan.Run, 0, 0, 0);
                return;
            }
        }

        var buffer = PooledJsonBuffer.Rent();
        try
        {
            protocol.WriteReply(buffer.Writer, reply);
            Send(context.Response, StatusCodes.Status200OK, buffer.WrittenSpan, protocol, requestId, started, waited);
        }
        finally
        {
            buffer.Return();
        }
        Finish(protocol, reply.Request.Model, RequestOutcome.Ok, started, waited, reply.Plan.Run,
            Stopwatch.GetTimestamp(), reply.Request.InputTokens, reply.Plan.OutputTokens, reply.Request.ToolResultsSinceUser, reply.Plan.ToolCalls.Count);
    }

    private async Task StreamAsync(HttpContext context, IProviderProtocol protocol, ReplyContext reply, string requestId, long started)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = protocol.StreamContentType;
        response.Headers.CacheControl = "no-cache";
        // Headers leave with the first chunk, before the wait is over: they carry the planned wait.
        MockHeaders.Set(response, protocol.RequestIdHeader, requestId,
            reply.Latency.IsZero ? 0 : reply.Latency.TotalMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        var pacer = new TokenPacer(reply.Latency, response.BodyWriter, context.RequestAborted);
        try
        {
            await protocol.StreamAsync(new SseWriter(response.BodyWriter), reply, pacer);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            Finish(protocol, reply.Request.Model, RequestOutcome.Cancelled, started, pacer.WaitedMs, reply.Plan.Run, 0, 0, 0);
            return;
        }
        Finish(protocol, reply.Request.Model, RequestOutcome.Ok, started, pacer.WaitedMs, reply.Plan.Run,
            pacer.FirstChunkTimestamp, reply.Request.InputTokens, reply.Plan.OutputTokens, reply.Request.ToolResultsSinceUser, reply.Plan.ToolCalls.Count);
    }

    private async Task FailAsync(HttpContext context, IProviderProtocol protocol, FaultKind fault, ActiveConfig active,
        ChatRequest request, ReplyPlan plan, string requestId, long started)
    {
        switch (fault)
        {
            case FaultKind.RateLimit:
                var seconds = active.Faults.RetryAfterSeconds;
                context.Response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["retry-after-ms"] = Math.Round(seconds * 1000).ToString(CultureInfo.InvariantCulture);
                SendError(context, protocol, new ProviderError(ErrorKind.RateLimited,
                    $"Rate limit reached for requests (fault injected by the mock). Please try again in {seconds.ToString(CultureInfo.InvariantCulture)}s.",
                    RetryAfterSeconds: seconds),
                    requestId, started, 0);
                Finish(protocol, request.Model, RequestOutcome.RateLimited, started, 0, plan.Run, 0, 0, 0);
                return;

            case FaultKind.Hang:
                double waited;
                try
                {
                    waited = await DeliberateWait.DelayAsync(active.Faults.HangMs, context.RequestAborted);
                }
                catch (WaitCancelledException e)
                {
                    Finish(protocol, request.Model, RequestOutcome.Hung, started, e.WaitedMs, plan.Run, 0, 0, 0);
                    return;
                }
                SendError(context, protocol, new ProviderError(ErrorKind.Timeout,
                    $"No answer within {active.Faults.HangMs} ms (hang injected by the mock)."), requestId, started, waited);
                Finish(protocol, request.Model, RequestOutcome.Hung, started, waited, plan.Run, 0, 0, 0);
                return;

            case FaultKind.Unavailable:
                SendError(context, protocol, new ProviderError(ErrorKind.Unavailable,
                    "The model is overloaded. Please try again later. (fault injected by the mock)"), requestId, started, 0);
                Finish(protocol, request.Model, RequestOutcome.Error, started, 0, plan.Run, 0, 0, 0);
                return;

            default:
                SendError(context, protocol, new ProviderError(ErrorKind.Server,
                    "The server had an error while processing your request. Sorry about that! (fault injected by the mock)"),
                    requestId, started, 0);
                Finish(protocol, request.Model, RequestOutcome.Error, started, 0, plan.Run, 0, 0, 0);
                return;
        }
    }

    private static void SendError(HttpContext context, IProviderProtocol protocol, ProviderError error, string requestId, long started, double waitedMs)
    {
        var buffer = PooledJsonBuffer.Rent();
        try
        {
            protocol.WriteError(buffer.Writer, error, requestId);
            Send(context.Response, protocol.StatusCodeOf(error), buffer.WrittenSpan, protocol, requestId, started, waitedMs);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Writes a whole JSON reply into the response pipe; Kestrel sends it when the handler returns.</summary>
    private static void Send(HttpResponse response, int status, ReadOnlySpan<byte> json, IProviderProtocol protocol,
        string requestId, long started, double waitedMs)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        var processing = Stopwatch.GetElapsedTime(started).TotalMilliseconds - waitedMs;
        MockHeaders.Set(response, protocol.RequestIdHeader, requestId, waitedMs, processing);
        response.BodyWriter.Write(json);
    }

    private void Finish(IProviderProtocol protocol, string? model, RequestOutcome outcome, long started, double waitedMs,
        string? run, long firstChunkTimestamp, int inputTokens, int outputTokens, int callIndex = -1, int toolCallsIssued = 0)
    {
        stats.Record(outcome, waitedMs);
        if (run is not null) runs.Record(run, outcome, waitedMs, inputTokens, outputTokens, callIndex, toolCallsIssued);
        double? ttft = firstChunkTimestamp > 0 ? Stopwatch.GetElapsedTime(started, firstChunkTimestamp).TotalSeconds : null;
        metrics.Record(protocol.Provider, model, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds, ttft, inputTokens, outputTokens);
    }

    private readonly record struct Prepared(ChatRequest? Request, ReplyPlan? Plan, ProviderError? Error);
}
