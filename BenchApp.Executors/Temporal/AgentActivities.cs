using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The workflow's effects: one LLM call, one tool call. Each attempt is raw; Temporal retries by the turn's
/// policy. Failures become <see cref="ApplicationFailureException"/>s typed <c>Llm{Kind}</c>: a bad request or a
/// malformed reply is non-retryable, a 429 asks for its Retry-After as the next retry delay.
/// </summary>
public sealed class AgentActivities(IHttpClientFactory httpClientFactory, IOptions<ExecutorOptions> options)
{
    private readonly ChatCompletionClient _llm = httpClientFactory.CreateChatClient(LlmServiceExtensions.RawClientName, options);
    private readonly LlmOptions _llmOptions = options.Value.Llm;

    [Activity("Chat")]
    public async Task<LlmReply> ChatAsync(LlmCallInput input)
    {
        var context = ActivityExecutionContext.Current;
        try
        {
            return await _llm.CompleteAsync(input.Messages, AgentTelemetry.ParseTraceParent(input.TraceParent), context.CancellationToken).ConfigureAwait(false);
        }
        catch (LlmException e)
        {
            throw ToFailure(e, _llmOptions);
        }
    }

    [Activity("ExecuteTool")]
    public async Task<ToolCallResult> ExecuteToolAsync(ToolCallInput input)
    {
        var context = ActivityExecutionContext.Current;
        var (message, elapsedMs) = await ToolRunner.RunAsync(input.Call, AgentTelemetry.ParseTraceParent(input.TraceParent), context.CancellationToken).ConfigureAwait(false);
        return new ToolCallResult(message, elapsedMs);
    }

    public static string ErrorType(LlmFailureKind kind) => "Llm" + kind;

    public static ApplicationFailureException ToFailure(LlmException e, LlmOptions llm)
    {
        TimeSpan? nextRetryDelay = e.Kind == LlmFailureKind.RateLimited && e.RetryAfter is { } retryAfter
            ? LlmRetryPolicy.Delay(llm, 0, retryAfter)
            : null;
        return new ApplicationFailureException(e.Message, e, ErrorType(e.Kind), nonRetryable: !e.IsRetryable, nextRetryDelay: nextRetryDelay);
    }
}
