using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;

namespace BenchApp.LoadDriver.Load;

/// <summary>
/// Sends one turn to an executor and times it at the client: from just before the request is written to
/// when the whole reply body has arrived. Parsing happens after the clock stops. No retries: each attempt
/// is what the executor gave.
/// </summary>
public sealed class ExecutorClient(HttpClient http, Uri baseUri, TimeSpan timeout)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _runsUri = new(baseUri, "v1/runs");

    public Uri BaseUri { get; } = baseUri;

    public async Task<RunAttempt> SendAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ContractJson.Options);
        using var message = new HttpRequestMessage(HttpMethod.Post, _runsUri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = Json;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var start = Stopwatch.GetTimestamp();
        int status;
        byte[] payload;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            payload = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new RunAttempt { StartTimestamp = start, EndTimestamp = Stopwatch.GetTimestamp(), Cancelled = true };
        }
        catch (OperationCanceledException)
        {
            return Failed(start, ErrorKind.Timeout, $"no reply within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return Failed(start, Classify(e), e.Message);
        }
        var end = Stopwatch.GetTimestamp();

        if (status is < 200 or > 299)
            return new RunAttempt { StartTimestamp = start, EndTimestamp = end, Error = ErrorKind.Status, StatusCode = status, Detail = $"HTTP {status}: {Excerpt(payload)}" };
        try
        {
            var run = JsonSerializer.Deserialize<RunResponse>(payload, ContractJson.Options);
            if (run is null || run.SessionId is null || run.Output is null || run.Usage is null || run.TimingsMs is null)
                return new RunAttempt { StartTimestamp = start, EndTimestamp = end, Error = ErrorKind.Protocol, StatusCode = status, Detail = $"reply is not a RunResponse: {Excerpt(payload)}" };
            return new RunAttempt { StartTimestamp = start, EndTimestamp = end, StatusCode = status, Response = run };
        }
        catch (JsonException e)
        {
            return new RunAttempt { StartTimestamp = start, EndTimestamp = end, Error = ErrorKind.Protocol, StatusCode = status, Detail = $"reply is not valid RunResponse JSON ({e.Message})" };
        }
    }

    private static RunAttempt Failed(long start, ErrorKind kind, string detail) =>
        new() { StartTimestamp = start, EndTimestamp = Stopwatch.GetTimestamp(), Error = kind, Detail = detail };

    /// <summary>Transport failures before a reply are "connect"; a reply that breaks HTTP is "protocol".</summary>
    public static ErrorKind Classify(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError => ErrorKind.Connect,
        HttpRequestError.Unknown when e.InnerException is SocketException or IOException => ErrorKind.Connect,
        _ => ErrorKind.Protocol,
    };

    private static string Excerpt(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 300)).ReplaceLineEndings(" ");
        return payload.Length > 300 ? text + "..." : text;
    }
}
