using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BenchApp.MockLlm.Completions;

namespace BenchApp.MockLlm.Streaming;

/// <summary>
/// Server-sent events straight into the response pipe: <c>event: name</c> (optional), <c>data: {json}</c>, blank
/// line. One JSON writer is reused for every event; nothing reaches the network until a flush.
/// </summary>
public sealed class SseWriter(PipeWriter output)
{
    private readonly Utf8JsonWriter _json = new(output, PooledJsonBuffer.WriterOptions);

    /// <summary>The writer of the event being written.</summary>
    public Utf8JsonWriter Json => _json;

    /// <summary>Starts an event and returns the writer for its data (one JSON value).</summary>
    public Utf8JsonWriter BeginEvent(ReadOnlySpan<byte> eventName = default)
    {
        if (!eventName.IsEmpty)
        {
            Write("event: "u8);
            Write(eventName);
            Write("\n"u8);
        }
        Write("data: "u8);
        _json.Reset(output);
        return _json;
    }

    public void EndEvent()
    {
        _json.Flush();
        Write("\n\n"u8);
    }

    /// <summary>OpenAI's end of stream: <c>data: [DONE]</c>.</summary>
    public void WriteDone() => Write("data: [DONE]\n\n"u8);

    /// <summary>Starts a bare JSON value, for a stream that is not SSE (Gemini without <c>alt=sse</c>: one JSON array).</summary>
    public Utf8JsonWriter BeginValue()
    {
        _json.Reset(output);
        return _json;
    }

    public void EndValue() => _json.Flush();

    /// <summary>Bytes between values (array brackets, separators).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => Write(bytes);

    private void Write(ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
