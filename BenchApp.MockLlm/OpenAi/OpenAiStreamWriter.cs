using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;
using static BenchApp.MockLlm.OpenAi.OpenAiJson;

namespace BenchApp.MockLlm.OpenAi;

/// <summary>
/// A streamed reply as <c>chat.completion.chunk</c> events: a first chunk with the role, then one chunk per
/// token (text deltas, or tool-call deltas: id and name first, then argument pieces), a chunk with the
/// finish_reason, a usage chunk with empty choices when <c>stream_options.include_usage</c>, and <c>[DONE]</c>.
/// </summary>
public static class OpenAiStreamWriter
{
    public static async ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer)
    {
        var plan = reply.Plan;
        await pacer.BeforeTokenAsync(0);
        if (plan.IsToolCalls)
        {
            var token = 0;
            for (var j = 0; j < plan.ToolCalls.Count; j++)
            {
                var call = plan.ToolCalls[j];
                WriteToolCallStart(sse, reply, j, call);
                for (var start = 0; start < call.Arguments.Length;)
                {
                    var end = ArgumentPieces.End(call.Arguments, start);
                    await pacer.BeforeTokenAsync(++token);
                    WriteArgumentPiece(sse, reply, j, call.Arguments.AsSpan(start, end - start));
                    start = end;
                }
            }
        }
        else
        {
            WriteTextStart(sse, reply);
            for (var k = 0; k < plan.TextTokens; k++)
            {
                await pacer.BeforeTokenAsync(k + 1);
                WriteTextPiece(sse, reply, FinalAnswerText.Piece(k));
            }
        }
        WriteFinish(sse, reply);
        if (reply.Request.IncludeUsage) WriteUsageChunk(sse, reply);
        sse.WriteDone();
    }

    private static void WriteTextStart(SseWriter sse, ReplyContext reply)
    {
        var w = BeginChunk(sse, reply);
        w.WriteString(Role, "assistant"u8);
        w.WriteString(Content, ""u8);
        w.WriteNull(Refusal);
        EndChunk(sse, reply, finishReason: default);
    }

    private static void WriteTextPiece(SseWriter sse, ReplyContext reply, ReadOnlySpan<byte> piece)
    {
        var w = BeginChunk(sse, reply);
        w.WriteString(Content, piece);
        EndChunk(sse, reply, finishReason: default);
    }

    private static void WriteToolCallStart(SseWriter sse, ReplyContext reply, int index, PlannedToolCall call)
    {
        var w = BeginChunk(sse, reply);
        if (index == 0)
        {
            w.WriteString(Role, "assistant"u8);
            w.WriteNull(Content);
        }
        w.WriteStartArray(ToolCalls);
        w.WriteStartObject();
        w.WriteNumber(IndexKey, index);
        w.WriteString(Id, call.Id);
        w.WriteString(TypeKey, "function"u8);
        w.WriteStartObject(Function);
        w.WriteString(Name, call.Name);
        w.WriteString(Arguments, ""u8);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        if (index == 0) w.WriteNull(Refusal);
        EndChunk(sse, reply, finishReason: default);
    }

    private static void WriteArgumentPiece(SseWriter sse, ReplyContext reply, int index, ReadOnlySpan<char> piece)
    {
        var w = BeginChunk(sse, reply);
        w.WriteStartArray(ToolCalls);
        w.WriteStartObject();
        w.WriteNumber(IndexKey, index);
        w.WriteStartObject(Function);
        w.WriteString(Arguments, piece);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        EndChunk(sse, reply, finishReason: default);
    }

    private static void WriteFinish(SseWriter sse, ReplyContext reply)
    {
        BeginChunk(sse, reply);
        EndChunk(sse, reply, OpenAiReplyWriter.FinishReasonOf(reply.Plan));
    }

    private static void WriteUsageChunk(SseWriter sse, ReplyContext reply)
    {
        var w = sse.BeginEvent();
        WriteHeader(w, reply);
        w.WriteStartArray(Choices);
        w.WriteEndArray();
        OpenAiReplyWriter.WriteUsage(w, reply);
        w.WriteEndObject();
        sse.EndEvent();
    }

    /// <summary>Writes the chunk envelope up to the open delta object and returns the writer.</summary>
    private static Utf8JsonWriter BeginChunk(SseWriter sse, ReplyContext reply)
    {
        var w = sse.BeginEvent();
        WriteHeader(w, reply);
        w.WriteStartArray(Choices);
        w.WriteStartObject();
        w.WriteNumber(IndexKey, 0);
        w.WriteStartObject(Delta);
        return w;
    }

    private static void EndChunk(SseWriter sse, ReplyContext reply, ReadOnlySpan<byte> finishReason)
    {
        var w = sse.Json;
        w.WriteEndObject();
        w.WriteNull(Logprobs);
        if (finishReason.IsEmpty) w.WriteNull(FinishReason);
        else w.WriteString(FinishReason, finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        if (reply.Request.IncludeUsage) w.WriteNull(Usage);
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteHeader(Utf8JsonWriter w, ReplyContext reply)
    {
        w.WriteStartObject();
        w.WriteString(Id, reply.ResponseId);
        w.WriteString(ObjectKey, "chat.completion.chunk"u8);
        w.WriteNumber(Created, reply.CreatedUnixSeconds);
        w.WriteString(Model, reply.Request.Model);
        w.WriteString(ServiceTier, "default"u8);
        w.WriteString(SystemFingerprint, OpenAiJson.Fingerprint);
    }
}
