using System.ClientModel.Primitives;
using System.Globalization;
using BenchApp.Executors.Llm;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// The OpenAI SDK's own retry policy (System.ClientModel <see cref="ClientRetryPolicy"/>: it retries 408, 429, 500,
/// 502, 503, 504, connection failures and the pipeline's network timeout) with its numbers set explicitly from
/// <c>Executor:Llm</c>: <c>MaxAttempts - 1</c> retries (the SDK default is 3 retries) and the waits of
/// <see cref="LlmRetryPolicy.Delay"/> (200 ms x2, capped at 5 s, a server's Retry-After honoured up to the cap)
/// instead of the SDK's 0.8 s x2 uncapped, so the .NET executors wait alike when the LLM fails.
/// </summary>
public sealed class LlmClientRetryPolicy(LlmOptions llm) : ClientRetryPolicy(Math.Max(0, llm.MaxAttempts - 1))
{
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        LlmRetryPolicy.Delay(llm, tryCount - 1, RetryAfter(message.Response));

    private static TimeSpan? RetryAfter(PipelineResponse? response)
    {
        if (response is null) return null;
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            return TimeSpan.FromMilliseconds(millis);
        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero)
            : null;
    }
}
