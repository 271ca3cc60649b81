using System.Globalization;
using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using static BenchApp.MockLlm.Gemini.GeminiJson;

namespace BenchApp.MockLlm.Gemini;

/// <summary>
/// A whole <c>GenerateContentResponse</c> (one candidate, role <c>model</c>, text or <c>functionCall</c> parts,
/// <c>finishReason</c>, <c>usageMetadata</c>, <c>modelVersion</c>, <c>responseId</c>) and Google's error shape.
/// </summary>
public static class GeminiReplyWriter
{
    public static void WriteResponse(Utf8JsonWriter w, ReplyContext reply)
    {
        var plan = reply.Plan;
        BeginCandidate(w);
        if (plan.IsToolCalls)
            foreach (var call in plan.ToolCalls) WriteFunctionCallPart(w, call);
        else
            WriteTextPart(w, FinalAnswerText.Words(plan.TextTokens));
        EndCandidate(w, reply, final: true);
    }

    /// <summary>Opens <c>{"candidates":[{"content":{"parts":[</c>.</summary>
    public static void BeginCandidate(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray(Candidates);
        w.WriteStartObject();
        w.WriteStartObject(Content);
        w.WriteStartArray(Parts);
    }

    /// <summary>Closes the parts, adds the role, and on the last chunk the finish reason and usage.</summary>
    public static void EndCandidate(Utf8JsonWriter w, ReplyContext reply, bool final)
    {
        w.WriteEndArray();
        w.WriteString(Role, "model"u8);
        w.WriteEndObject();
        if (final) w.WriteString(FinishReason, reply.Plan.Truncated ? "MAX_TOKENS"u8 : "STOP"u8);
        w.WriteNumber(IndexKey, 0);
        w.WriteEndObject();
        w.WriteEndArray();
        if (final) WriteUsage(w, reply);
        w.WriteString(ModelVersion, reply.Request.Model);
        w.WriteString(ResponseId, reply.ResponseId);
        w.WriteEndObject();
    }

    public static void WriteTextPart(Utf8JsonWriter w, ReadOnlySpan<byte> text)
    {
        w.WriteStartObject();
        w.WriteString(Text, text);
        w.WriteEndObject();
    }

    /// <summary><c>{"functionCall":{"id","name","args"}}</c>: args are an object, not a JSON string.</summary>
    public static void WriteFunctionCallPart(Utf8JsonWriter w, PlannedToolCall call)
    {
        w.WriteStartObject();
        w.WriteStartObject(FunctionCall);
        w.WriteString(Id, call.Id);
        w.WriteString(Name, call.Name);
        w.WritePropertyName(Args);
        w.WriteRawValue(call.Arguments, skipInputValidation: true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, ReplyContext reply)
    {
        var input = reply.Request.InputTokens;
        var output = reply.Plan.OutputTokens;
        w.WriteStartObject(UsageMetadata);
        w.WriteNumber(PromptTokenCount, input);
        w.WriteNumber(CandidatesTokenCount, output);
        w.WriteNumber(TotalTokenCount, input + output);
        w.WriteStartArray(PromptTokensDetails);
        w.WriteStartObject();
        w.WriteString(Modality, "TEXT"u8);
        w.WriteNumber(TokenCount, input);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>{"error":{"code","message","status","details"}}</c> (google.rpc.Status): a bad field also as a
    /// <c>google.rpc.BadRequest</c> field violation, a rate limit with a <c>google.rpc.RetryInfo</c> retryDelay.
    /// </summary>
    public static void WriteError(Utf8JsonWriter w, ProviderError error, int? code = null)
    {
        var status = error.Kind switch
        {
            ErrorKind.InvalidRequest => "INVALID_ARGUMENT",
            ErrorKind.NotFound => "NOT_FOUND",
            ErrorKind.RateLimited => "RESOURCE_EXHAUSTED",
            ErrorKind.Timeout => "DEADLINE_EXCEEDED",
            ErrorKind.Unavailable => "UNAVAILABLE",
            _ => "INTERNAL",
        };
        w.WriteStartObject();
        w.WriteStartObject(Error);
        w.WriteNumber(Code, code ?? error.StatusCode);
        w.WriteString(Message, error.Message);
        w.WriteString(Status, status);
        if (error.Param is not null || error.RetryAfterSeconds is not null)
        {
            w.WriteStartArray(Details);
            if (error.Param is { } field)
            {
                w.WriteStartObject();
                w.WriteString(AtType, "type.googleapis.com/google.rpc.BadRequest"u8);
                w.WriteStartArray(FieldViolations);
                w.WriteStartObject();
                w.WriteString(Field, field);
                w.WriteString(Description, error.Message);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            if (error.RetryAfterSeconds is { } seconds)
            {
                w.WriteStartObject();
                w.WriteString(AtType, "type.googleapis.com/google.rpc.RetryInfo"u8);
                // google.protobuf.Duration in JSON: seconds with a fraction, then "s".
                w.WriteString(RetryDelay, Math.Round(seconds, 3).ToString(CultureInfo.InvariantCulture) + "s");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
