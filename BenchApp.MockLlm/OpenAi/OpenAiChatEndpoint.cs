using System.Buffers;
using System.Diagnostics;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Anthropic;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;
using static BenchApp.MockLlm.OpenAi.OpenAiJson;

namespace BenchApp.MockLlm.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>, <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>, and OpenAI's
/// error shape for any other <c>/v1</c> request (404, or 405 for a completion path asked with another method).
/// </summary>
public static class OpenAiChatEndpoint
{
    private static readonly long ModelCreated = DateTimeOffset.Parse("2025-01-01T00:00:00Z").ToUnixTimeSeconds();

    public static IEndpointRouteBuilder MapOpenAiChatEndpoint(this IEndpointRouteBuilder app)
    {
        var flow = app.ServiceProvider.GetRequiredService<CompletionFlow>();
        app.MapPost(MockLlmApi.ChatCompletionsPath, context => flow.HandleAsync(context, OpenAiProtocol.Instance));
        app.MapGet(MockLlmApi.ModelsPath, ListModels);
        app.MapGet(MockLlmApi.ModelsPath + "/{id}", GetModel);
        app.MapFallback("/v1/{**path}", UnknownPath);
        return app;
    }

    private static Task ListModels(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var buffer = PooledJsonBuffer.Rent();
        try
        {
            var w = buffer.Writer;
            w.WriteStartObject();
            w.WriteString(ObjectKey, "list"u8);
            w.WriteStartArray(Data);
            WriteModel(w, MockLlmApi.ModelName);
            w.WriteEndArray();
            w.WriteEndObject();
            Send(context, StatusCodes.Status200OK, buffer.WrittenSpan, started);
        }
        finally
        {
            buffer.Return();
        }
        return Task.CompletedTask;
    }

    /// <summary>Any model name is served (the mock answers whatever model is asked for).</summary>
    private static Task GetModel(HttpContext context)
    {
        // GET on a Gemini generate path under /v1/models/ (@google/genai 3.x's API version): Gemini's 405.
        if (Gemini.GeminiEndpoint.IsGenerateTarget((string)context.Request.RouteValues["id"]!)) return Gemini.GeminiEndpoint.Unknown(context);
        var started = Stopwatch.GetTimestamp();
        var buffer = PooledJsonBuffer.Rent();
        try
        {
            WriteModel(buffer.Writer, (string)context.Request.RouteValues["id"]!);
            Send(context, StatusCodes.Status200OK, buffer.WrittenSpan, started);
        }
        finally
        {
            buffer.Return();
        }
        return Task.CompletedTask;
    }

    public static Task UnknownPath(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "";
        // A known completion path asked with another method: 405, as the provider answers.
        var knownPost = path is MockLlmApi.ChatCompletionsPath or MockLlmApi.MessagesPath;
        var buffer = PooledJsonBuffer.Rent();
        try
        {
            if (knownPost)
            {
                context.Response.Headers.Allow = "POST";
                var notAllowed = ProviderError.Invalid($"Method {context.Request.Method} is not allowed on {path}; use POST.");
                // Each provider's path answers in that provider's error shape.
                if (path == MockLlmApi.MessagesPath) AnthropicReplyWriter.WriteError(buffer.Writer, notAllowed, IdGenerator.New("req_"));
                else OpenAiReplyWriter.WriteError(buffer.Writer, notAllowed);
                Send(context, StatusCodes.Status405MethodNotAllowed, buffer.WrittenSpan, started);
            }
            else
            {
                OpenAiReplyWriter.WriteError(buffer.Writer, new ProviderError(ErrorKind.NotFound,
                    $"Unknown request URL: {context.Request.Method} {path}. The mock LLM serves {MockLlmApi.ChatCompletionsPath}, {MockLlmApi.ModelsPath} and {MockLlmApi.MessagesPath}."));
                Send(context, StatusCodes.Status404NotFound, buffer.WrittenSpan, started);
            }
        }
        finally
        {
            buffer.Return();
        }
        return Task.CompletedTask;
    }

    private static void WriteModel(System.Text.Json.Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteString(Id, id);
        w.WriteString(ObjectKey, "model"u8);
        w.WriteNumber(Created, ModelCreated);
        w.WriteString(OwnedBy, "benchapp"u8);
        w.WriteEndObject();
    }

    private static void Send(HttpContext context, int status, ReadOnlySpan<byte> json, long started)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        MockHeaders.Set(response, OpenAiProtocol.Instance.RequestIdHeader, IdGenerator.New("req_"), 0,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        response.BodyWriter.Write(json);
    }
}
