using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;
using static BenchApp.MockLlm.Anthropic.AnthropicJson;

namespace BenchApp.MockLlm.Anthropic;

/// <summary>
/// A streamed Messages reply: message_start, per content block content_block_start / deltas (text_delta or
/// input_json_delta, one per token) / content_block_stop, then message_delta (stop_reason, output tokens)
/// and message_stop; a ping after the first block starts, as the API sends.
/// </summary>
public static class AnthropicStreamWriter
{
    public static async ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer)
    {
        var plan = reply.Plan;
        await pacer.BeforeTokenAsync(0);
        WriteMessageStart(sse, reply);
        if (plan.IsToolCalls)
        {
            var token = 0;
            for (var j = 0; j < plan.ToolCalls.Count; j++)
            {
                var call = plan.ToolCalls[j];
                WriteToolUseStart(sse, j, call);
                if (j == 0) WritePing(sse);
                for (var start = 0; start < call.Arguments.Length;)
                {
                    var end = ArgumentPieces.End(call.Arguments, start);
                    await pacer.BeforeTokenAsync(++token);
                    WriteInputJsonDelta(sse, j, call.Arguments.AsSpan(start, end - start));
                    start = end;
                }
                WriteBlockStop(sse, j);
            }
        }
        else
        {
            WriteTextStart(sse);
            WritePing(sse);
            for (var k = 0; k < plan.TextTokens; k++)
            {
                await pacer.BeforeTokenAsync(k + 1);
                WriteTextDelta(sse, FinalAnswerText.Piece(k));
            }
            WriteBlockStop(sse, 0);
        }
        WriteMessageDelta(sse, reply);
        var w = sse.BeginEvent("message_stop"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "message_stop"u8);
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteMessageStart(SseWriter sse, ReplyContext reply)
    {
        var w = sse.BeginEvent("message_start"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "message_start"u8);
        w.WriteStartObject(Message);
        w.WriteString(Id, reply.ResponseId);
        w.WriteString(TypeKey, "message"u8);
        w.WriteString(Role, "assistant"u8);
        w.WriteString(Model, reply.Request.Model);
        w.WriteStartArray(Content);
        w.WriteEndArray();
        w.WriteNull(StopReason);
        w.WriteNull(StopSequence);
        w.WriteStartObject(Usage);
        w.WriteNumber(InputTokens, reply.Request.InputTokens);
        w.WriteNumber(CacheCreationInputTokens, 0);
        w.WriteNumber(CacheReadInputTokens, 0);
        // Output is reported once, in message_delta, so clients that add the two events count it once.
        w.WriteNumber(OutputTokens, 0);
        w.WriteString(ServiceTier, "standard"u8);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteTextStart(SseWriter sse)
    {
        var w = sse.BeginEvent("content_block_start"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "content_block_start"u8);
        w.WriteNumber(IndexKey, 0);
        w.WriteStartObject(ContentBlock);
        w.WriteString(TypeKey, "text"u8);
        w.WriteString(Text, ""u8);
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteTextDelta(SseWriter sse, ReadOnlySpan<byte> piece)
    {
        var w = sse.BeginEvent("content_block_delta"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "content_block_delta"u8);
        w.WriteNumber(IndexKey, 0);
        w.WriteStartObject(Delta);
        w.WriteString(TypeKey, "text_delta"u8);
        w.WriteString(Text, piece);
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteToolUseStart(SseWriter sse, int index, PlannedToolCall call)
    {
        var w = sse.BeginEvent("content_block_start"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "content_block_start"u8);
        w.WriteNumber(IndexKey, index);
        w.WriteStartObject(ContentBlock);
        w.WriteString(TypeKey, "tool_use"u8);
        w.WriteString(Id, call.Id);
        w.WriteString(Name, call.Name);
        w.WriteStartObject(Input);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteInputJsonDelta(SseWriter sse, int index, ReadOnlySpan<char> piece)
    {
        var w = sse.BeginEvent("content_block_delta"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "content_block_delta"u8);
        w.WriteNumber(IndexKey, index);
        w.WriteStartObject(Delta);
        w.WriteString(TypeKey, "input_json_delta"u8);
        w.WriteString(PartialJson, piece);
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteBlockStop(SseWriter sse, int index)
    {
        var w = sse.BeginEvent("content_block_stop"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "content_block_stop"u8);
        w.WriteNumber(IndexKey, index);
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WritePing(SseWriter sse)
    {
        var w = sse.BeginEvent("ping"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "ping"u8);
        w.WriteEndObject();
        sse.EndEvent();
    }

    private static void WriteMessageDelta(SseWriter sse, ReplyContext reply)
    {
        var w = sse.BeginEvent("message_delta"u8);
        w.WriteStartObject();
        w.WriteString(TypeKey, "message_delta"u8);
        w.WriteStartObject(Delta);
        w.WriteString(StopReason, AnthropicReplyWriter.StopReasonOf(reply.Plan));
        w.WriteNull(StopSequence);
        w.WriteEndObject();
        w.WriteStartObject(Usage);
        w.WriteNumber(OutputTokens, reply.Plan.OutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
        sse.EndEvent();
    }
}
