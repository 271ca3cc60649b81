using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Streaming;

namespace BenchApp.MockLlm.Gemini;

/// <summary>
/// A streamed reply as a sequence of <c>GenerateContentResponse</c> chunks: one per word of a text answer, one
/// per function call (sent whole once its argument tokens are due: Gemini does not stream arguments); the last
/// chunk carries <c>finishReason</c> and <c>usageMetadata</c>. With <c>alt=sse</c> each chunk is a
/// <c>data:</c> event; without it the chunks are the elements of one JSON array, as the REST API streams.
/// </summary>
public static class GeminiStreamWriter
{
    public static async ValueTask StreamAsync(SseWriter sse, ReplyContext reply, TokenPacer pacer, bool jsonArray)
    {
        var plan = reply.Plan;
        var first = true;
        await pacer.BeforeTokenAsync(0);
        if (plan.IsToolCalls)
        {
            var token = 0;
            for (var j = 0; j < plan.ToolCalls.Count; j++)
            {
                var call = plan.ToolCalls[j];
                for (var start = 0; start < call.Arguments.Length; start = ArgumentPieces.End(call.Arguments, start))
                    await pacer.BeforeTokenAsync(++token);
                var w = Begin(sse, jsonArray, ref first);
                GeminiReplyWriter.BeginCandidate(w);
                GeminiReplyWriter.WriteFunctionCallPart(w, call);
                GeminiReplyWriter.EndCandidate(w, reply, final: j == plan.ToolCalls.Count - 1);
                End(sse, jsonArray);
            }
        }
        else
        {
            for (var k = 0; k < plan.TextTokens; k++)
            {
                await pacer.BeforeTokenAsync(k + 1);
                var w = Begin(sse, jsonArray, ref first);
                GeminiReplyWriter.BeginCandidate(w);
                GeminiReplyWriter.WriteTextPart(w, FinalAnswerText.Piece(k));
                GeminiReplyWriter.EndCandidate(w, reply, final: k == plan.TextTokens - 1);
                End(sse, jsonArray);
            }
        }
        if (jsonArray) sse.WriteRaw("]"u8);
    }

    private static Utf8JsonWriter Begin(SseWriter sse, bool jsonArray, ref bool first)
    {
        if (!jsonArray) return sse.BeginEvent();
        sse.WriteRaw(first ? "["u8 : ",\r\n"u8);
        first = false;
        return sse.BeginValue();
    }

    private static void End(SseWriter sse, bool jsonArray)
    {
        if (jsonArray) sse.EndValue();
        else sse.EndEvent();
    }
}
