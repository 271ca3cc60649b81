using System.Buffers.Binary;
using System.Collections.Concurrent;
using BenchApp.TestSupport;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Common.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Api.Namespace.V1;
using Temporalio.Api.WorkflowService.V1;

namespace BenchApp.Executors.Tests.Temporal.Frontend;

/// <summary>
/// A test double of the Temporal frontend: gRPC over cleartext HTTP/2 on loopback, enough for the real Temporalio
/// client and worker to connect (GetSystemInfo, DescribeNamespace, long polls that never return) and for a turn's
/// update call to hang or fail as the test chooses. It answers the client-side paths only; it runs no workflow.
/// Framing and trailers as the gRPC HTTP/2 protocol has them (grpc/grpc doc/PROTOCOL-HTTP2.md).
/// </summary>
public sealed class FakeTemporalFrontend : IAsyncDisposable
{
    private const string Service = "/temporal.api.workflowservice.v1.WorkflowService/";

    public enum Answer { Hang, NotFound, PermissionDenied, NamespaceNotFound }

    private readonly WebApplication _app;

    private FakeTemporalFrontend(WebApplication app, int port)
    {
        _app = app;
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    /// <summary>How UpdateWorkflowExecution and ExecuteMultiOperation (update-with-start) answer.</summary>
    public Answer Updates { get; set; } = Answer.Hang;

    /// <summary>Whether grpc.health.v1.Health/Check answers SERVING (else it hangs, as a frozen server would).</summary>
    public bool HealthAnswers { get; set; } = true;

    /// <summary>The gRPC methods called, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The request messages (without the gRPC frame prefix) of the update calls.</summary>
    public ConcurrentQueue<(string Method, byte[] Message)> UpdateRequests { get; } = new();

    public static async Task<FakeTemporalFrontend> StartAsync()
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var fake = new FakeTemporalFrontend(app, port);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Path.Value ?? "";
        Calls.Enqueue(method);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (method.EndsWith("UpdateWorkflowExecution", StringComparison.Ordinal) || method.EndsWith("ExecuteMultiOperation", StringComparison.Ordinal))
            UpdateRequests.Enqueue((method, Unframe(body.ToArray())));
        context.Response.ContentType = "application/grpc";

        switch (method)
        {
            case Service + "GetSystemInfo":
                await ReplyAsync(context, new GetSystemInfoResponse { ServerVersion = "1.31.2", Capabilities = new() { SdkMetadata = true } });
                return;
            case Service + "DescribeNamespace":
                await ReplyAsync(context, new DescribeNamespaceResponse
                {
                    NamespaceInfo = new NamespaceInfo { Name = "default", State = Temporalio.Api.Enums.V1.NamespaceState.Registered },
                    Config = new NamespaceConfig { WorkflowExecutionRetentionTtl = Duration.FromTimeSpan(TimeSpan.FromDays(1)) },
                });
                return;
            case "/grpc.health.v1.Health/Check" when HealthAnswers:
                await ReplyRawAsync(context, [0x08, 0x01]); // HealthCheckResponse { status: SERVING }
                return;
            case Service + "UpdateWorkflowExecution" or Service + "ExecuteMultiOperation" when Updates != Answer.Hang:
                Fail(context, Updates);
                return;
        }

        if (method.Contains("/Poll", StringComparison.Ordinal) || method.EndsWith("/Check", StringComparison.Ordinal)
            || method.EndsWith("UpdateWorkflowExecution", StringComparison.Ordinal) || method.EndsWith("ExecuteMultiOperation", StringComparison.Ordinal))
        {
            // Long polls, and whatever the test makes hang: no answer until the caller gives up.
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        Trailers(context, 12, "not implemented by the test double"); // UNIMPLEMENTED
    }

    private static void Fail(HttpContext context, Answer answer)
    {
        switch (answer)
        {
            case Answer.NotFound:
                Trailers(context, 5, "workflow not found for ID: agent-session-x", new NotFoundFailure());
                break;
            case Answer.NamespaceNotFound:
                Trailers(context, 5, "Namespace default is not found.", new NamespaceNotFoundFailure { Namespace = "default" });
                break;
            case Answer.PermissionDenied:
                // temporal v1.25.2 service/frontend/errors.go errMultiOperationAPINotAllowed
                Trailers(context, 7, "ExecuteMultiOperation API is disabled on this namespace.", new PermissionDeniedFailure());
                break;
        }
    }

    /// <summary>One gRPC length-prefixed message; Temporal's Core client gzips requests (compressed flag 1).</summary>
    private static byte[] Unframe(byte[] frame)
    {
        var message = frame[5..];
        if (frame[0] == 0) return message;
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(message), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static Task ReplyAsync(HttpContext context, IMessage message) => ReplyRawAsync(context, message.ToByteArray());

    private static async Task ReplyRawAsync(HttpContext context, byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame);
        Trailers(context, 0, null);
    }

    private static void Trailers(HttpContext context, int code, string? message, IMessage? detail = null)
    {
        context.Response.AppendTrailer("grpc-status", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null) context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        if (detail is not null)
        {
            var status = new GrpcStatus { Code = code, Message = message ?? "" };
            status.Details.Add(Any.Pack(detail));
            context.Response.AppendTrailer("grpc-status-details-bin", Convert.ToBase64String(status.ToByteArray()).TrimEnd('='));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
