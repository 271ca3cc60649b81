using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using static BenchApp.MockLlm.OpenAi.OpenAiJson;

namespace BenchApp.MockLlm.OpenAi;

/// <summary>A whole <c>chat.completion</c> object, as the API returns it when not streaming.</summary>
public static class OpenAiReplyWriter
{
    public static void WriteCompletion(Utf8JsonWriter w, ReplyContext reply)
    {
        var plan = reply.Plan;
        w.WriteStartObject();
        w.WriteString(Id, reply.ResponseId);
        w.WriteString(ObjectKey, "chat.completion"u8);
        w.WriteNumber(Created, reply.CreatedUnixSeconds);
        w.WriteString(Model, reply.Request.Model);
        w.WriteStartArray(Choices);
        w.WriteStartObject();
        w.WriteNumber(IndexKey, 0);
        w.WriteStartObject(Message);
        w.WriteString(Role, "assistant"u8);
        if (plan.IsToolCalls)
        {
            w.WriteNull(Content);
            w.WriteNull(Refusal);
            w.WriteStartArray(ToolCalls);
            foreach (var call in plan.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString(Id, call.Id);
                w.WriteString(TypeKey, "function"u8);
                w.WriteStartObject(Function);
                w.WriteString(Name, call.Name);
                w.WriteString(Arguments, call.Arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        else
        {
            w.WriteString(Content, FinalAnswerText.Words(plan.TextTokens));
            w.WriteNull(Refusal);
        }
        w.WriteStartArray(Annotations);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull(Logprobs);
        w.WriteString(FinishReason, FinishReasonOf(plan));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, reply);
        w.WriteString(ServiceTier, "default"u8);
        w.WriteString(SystemFingerprint, OpenAiJson.Fingerprint);
        w.WriteEndObject();
    }

    public static ReadOnlySpan<byte> FinishReasonOf(ReplyPlan plan) =>
        plan.IsToolCalls ? "tool_calls"u8 : plan.Truncated ? "length"u8 : "stop"u8;

    public static void WriteUsage(Utf8JsonWriter w, ReplyContext reply)
    {
        var input = reply.Request.InputTokens;
        var output = reply.Plan.OutputTokens;
        w.WriteStartObject(Usage);
        w.WriteNumber(PromptTokens, input);
        w.WriteNumber(CompletionTokens, output);
        w.WriteNumber(TotalTokens, input + output);
        w.WriteStartObject(PromptTokensDetails);
        w.WriteNumber(CachedTokens, 0);
        w.WriteNumber(AudioTokens, 0);
        w.WriteEndObject();
        w.WriteStartObject(CompletionTokensDetails);
        w.WriteNumber(ReasoningTokens, 0);
        w.WriteNumber(AudioTokens, 0);
        w.WriteNumber(AcceptedPredictionTokens, 0);
        w.WriteNumber(RejectedPredictionTokens, 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>OpenAI's error shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, ProviderError error)
    {
        var (type, code) = error.Kind switch
        {
            ErrorKind.InvalidRequest => ("invalid_request_error", null),
            ErrorKind.NotFound => ("invalid_request_error", "unknown_url"),
            ErrorKind.RateLimited => ("requests", "rate_limit_exceeded"),
            ErrorKind.Timeout => ("server_error", "timeout"),
            ErrorKind.Unavailable => ("server_error", "service_unavailable"),
            _ => ("server_error", (string?)null),
        };
        w.WriteStartObject();
        w.WriteStartObject(Error);
        w.WriteString(Message, error.Message);
        w.WriteString(TypeKey, type);
        if (error.Param is null) w.WriteNull(Param);
        else w.WriteString(Param, error.Param);
        if (code is null) w.WriteNull(Code);
        else w.WriteString(Code, code);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
