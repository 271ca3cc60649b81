using BenchApp.Executors.Agent;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The workflow's effects: one LLM call, one tool call. Each attempt is raw; Temporal retries by the turn's
/// policy. Failures become <see cref="ApplicationFailureException"/>s typed <c>Llm{Kind}</c> with the attempt
/// number as their detail: a bad request or a malformed reply is non-retryable, a 429 asks for its Retry-After
/// as the next retry delay. Both heartbeat while they run, so a worker that dies is noticed within the
/// heartbeat timeout, not the attempt timeout. Spans: the tracing interceptor makes the activity's span current.
/// </summary>
public sealed class AgentActivities(IHttpClientFactory httpClientFactory, IOptions<ExecutorOptions> options)
{
    private readonly ChatCompletionClient _llm = httpClientFactory.CreateChatClient(LlmServiceExtensions.RawClientName, options);
    private readonly LlmOptions _llmOptions = options.Value.Llm;
    private readonly TimeSpan _heartbeatInterval = options.Value.Temporal.HeartbeatInterval;

    public const string ChatName = "Chat";
    public const string ExecuteToolName = "ExecuteTool";

    [Activity(ChatName)]
    public async Task<LlmReply> ChatAsync(LlmCallInput input)
    {
        var context = ActivityExecutionContext.Current;
        try
        {
            var reply = await ActivityHeartbeats.WhileAsync(
                _llm.CompleteAsync(input.Messages, default, context.CancellationToken), _heartbeatInterval).ConfigureAwait(false);
            return context.Info.Attempt > 1 ? reply with { Attempts = context.Info.Attempt } : reply;
        }
        catch (LlmException e)
        {
            throw ToFailure(e, _llmOptions, context.Info.Attempt);
        }
    }

    [Activity(ExecuteToolName)]
    public async Task<ToolCallResult> ExecuteToolAsync(ToolCallInput input)
    {
        var context = ActivityExecutionContext.Current;
        var (message, elapsedMs) = await ActivityHeartbeats.WhileAsync(
            ToolRunner.RunAsync(input.Call, default, context.CancellationToken), _heartbeatInterval).ConfigureAwait(false);
        return new ToolCallResult(message, elapsedMs);
    }

    public static string ErrorType(LlmFailureKind kind) => "Llm" + kind;

    public static ApplicationFailureException ToFailure(LlmException e, LlmOptions llm, int attempt = 1)
    {
        TimeSpan? nextRetryDelay = e.Kind == LlmFailureKind.RateLimited && e.RetryAfter is { } retryAfter
            ? LlmRetryPolicy.Delay(llm, 0, retryAfter)
            : null;
        return new ApplicationFailureException(
            e.Message, e, ErrorType(e.Kind), nonRetryable: !e.IsRetryable, details: [attempt], nextRetryDelay: nextRetryDelay);
    }
}

/// <summary>Heartbeats an activity while its work runs (the SDK throttles what it sends to 80% of the heartbeat timeout).</summary>
internal static class ActivityHeartbeats
{
    public static async Task<T> WhileAsync<T>(Task<T> work, TimeSpan interval)
    {
        if (interval > TimeSpan.Zero)
        {
            var context = ActivityExecutionContext.Current;
            // No cancellation token on the delay: a cancelled activity must not spin; its work ends on the token.
            while (await Task.WhenAny(work, Task.Delay(interval)).ConfigureAwait(false) != work)
                context.Heartbeat();
        }
        return await work.ConfigureAwait(false);
    }
}
