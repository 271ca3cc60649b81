using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using static BenchApp.MockLlm.Anthropic.AnthropicJson;

namespace BenchApp.MockLlm.Anthropic;

/// <summary>A whole Messages reply (<c>type: message</c>) and Anthropic's error shape.</summary>
public static class AnthropicReplyWriter
{
    public static void WriteMessage(Utf8JsonWriter w, ReplyContext reply)
    {
        var plan = reply.Plan;
        w.WriteStartObject();
        w.WriteString(Id, reply.ResponseId);
        w.WriteString(TypeKey, "message"u8);
        w.WriteString(Role, "assistant"u8);
        w.WriteString(Model, reply.Request.Model);
        w.WriteStartArray(Content);
        if (plan.IsToolCalls)
        {
            foreach (var call in plan.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString(TypeKey, "tool_use"u8);
                w.WriteString(Id, call.Id);
                w.WriteString(Name, call.Name);
                w.WritePropertyName(Input);
                w.WriteRawValue(call.Arguments, skipInputValidation: true);
                w.WriteEndObject();
            }
        }
        else
        {
            w.WriteStartObject();
            w.WriteString(TypeKey, "text"u8);
            w.WriteString(Text, FinalAnswerText.Words(plan.TextTokens));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString(StopReason, StopReasonOf(plan));
        w.WriteNull(StopSequence);
        w.WriteStartObject(Usage);
        w.WriteNumber(InputTokens, reply.Request.InputTokens);
        w.WriteNumber(CacheCreationInputTokens, 0);
        w.WriteNumber(CacheReadInputTokens, 0);
        w.WriteNumber(OutputTokens, plan.OutputTokens);
        w.WriteString(ServiceTier, "standard"u8);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static ReadOnlySpan<byte> StopReasonOf(ReplyPlan plan) =>
        plan.IsToolCalls ? "tool_use"u8 : plan.Truncated ? "max_tokens"u8 : "end_turn"u8;

    /// <summary><c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, ProviderError error, string requestId)
    {
        w.WriteStartObject();
        w.WriteString(TypeKey, "error"u8);
        w.WriteStartObject(Error);
        w.WriteString(TypeKey, error.Kind switch
        {
            ErrorKind.InvalidRequest => "invalid_request_error",
            ErrorKind.NotFound => "not_found_error",
            ErrorKind.RateLimited => "rate_limit_error",
            ErrorKind.Timeout => "timeout_error",
            ErrorKind.Unavailable => "overloaded_error",
            _ => "api_error",
        });
        w.WriteString(Message, error.Message);
        w.WriteEndObject();
        w.WriteString(RequestId, requestId);
        w.WriteEndObject();
    }
}
