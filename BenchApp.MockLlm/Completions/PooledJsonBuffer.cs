using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BenchApp.MockLlm.Completions;

/// <summary>
/// A reusable buffer and JSON writer for building a whole reply before sending it (so Content-Length and the
/// processing-time header are known). One per thread, taken and given back around synchronous code.
/// </summary>
public sealed class PooledJsonBuffer
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic] private static PooledJsonBuffer? _cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private PooledJsonBuffer() => Writer = new Utf8JsonWriter(_buffer, WriterOptions);

    public Utf8JsonWriter Writer { get; }

    public ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public static PooledJsonBuffer Rent()
    {
        var buffer = _cached ?? new PooledJsonBuffer();
        _cached = null;
        return buffer;
    }

    public void Return()
    {
        Writer.Reset(_buffer);
        _buffer.ResetWrittenCount();
        // Very large replies are not kept: the pool holds ordinary sizes only.
        if (_buffer.Capacity <= 1024 * 1024) _cached = this;
    }
}
