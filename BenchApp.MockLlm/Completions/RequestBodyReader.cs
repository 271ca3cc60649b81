using System.Buffers;
using System.IO.Pipelines;

namespace BenchApp.MockLlm.Completions;

/// <summary>
/// Reads a whole request body from Kestrel's pipe without copying, refusing it past a size limit. The
/// buffer stays valid until <see cref="RequestBody.Release"/>, so a JsonDocument can parse it in place.
/// </summary>
public static class RequestBodyReader
{
    public static async ValueTask<RequestBody> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return RequestBody.TooLarge;

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return RequestBody.TooLarge;
            }
            if (result.IsCompleted || result.IsCanceled) return new RequestBody(reader, buffer, false);
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}

public readonly record struct RequestBody(PipeReader? Reader, ReadOnlySequence<byte> Buffer, bool IsTooLarge)
{
    public static readonly RequestBody TooLarge = new(null, default, true);

    public void Release() => Reader?.AdvanceTo(Buffer.End);
}
