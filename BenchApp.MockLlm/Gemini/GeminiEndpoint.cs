using System.Buffers;
using System.Diagnostics;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Gemini;

/// <summary>
/// The Gemini API (<c>generativelanguage.googleapis.com</c> shape): <c>POST /v1beta/models/{model}:generateContent</c>
/// and <c>:streamGenerateContent</c> (<c>alt=sse</c> for server-sent events, as @google/genai and google-genai
/// always ask; without it one streamed JSON array), also under <c>/v1/models/</c> (@google/genai 3.x defaults to
/// API version v1, 2.x to v1beta). Any API key is accepted, from <c>x-goog-api-key</c> or <c>?key=</c>, or none.
/// Anything else under <c>/v1beta</c> is a 404 (405 for another method on a generate path) in Google's error
/// shape; other <c>/v1/models/...</c> POSTs get OpenAI's 404, as before.
/// </summary>
public static class GeminiEndpoint
{
    public const string Prefix = "/v1beta/models/";
    public const string StablePrefix = "/v1/models/";
    public const string GenerateMethod = "generateContent";
    public const string StreamMethod = "streamGenerateContent";

    public static IEndpointRouteBuilder MapGeminiEndpoint(this IEndpointRouteBuilder app)
    {
        var flow = app.ServiceProvider.GetRequiredService<CompletionFlow>();
        app.MapPost(Prefix + "{**target}", context => HandleAsync(context, flow, Unknown));
        app.MapPost(StablePrefix + "{**target}", context => HandleAsync(context, flow, OpenAi.OpenAiChatEndpoint.UnknownPath));
        app.MapFallback("/v1beta/{**path}", Unknown);
        return app;
    }

    /// <summary>True for <c>{model}:generateContent</c> / <c>:streamGenerateContent</c> after a models/ prefix.</summary>
    public static bool IsGenerateTarget(string target) =>
        target.IndexOf('/') < 0 && (target.EndsWith(":" + GenerateMethod, StringComparison.Ordinal) || target.EndsWith(":" + StreamMethod, StringComparison.Ordinal))
        && target.IndexOf(':') > 0;

    private static Task HandleAsync(HttpContext context, CompletionFlow flow, RequestDelegate unknown)
    {
        var target = (string?)context.Request.RouteValues["target"] ?? "";
        var colon = target.LastIndexOf(':');
        var model = colon > 0 ? target[..colon] : "";
        var method = colon > 0 ? target[(colon + 1)..] : "";
        if (model.Length == 0 || model.Contains('/') || method is not (GenerateMethod or StreamMethod)) return unknown(context);

        var delivery = GeminiDelivery.Whole;
        if (method == StreamMethod)
        {
            var alt = context.Request.Query["alt"].ToString();
            if (alt is not ("" or "sse" or "json"))
                return SendError(context, ProviderError.Invalid($"Invalid value at 'alt' ({alt}): the mock LLM streams alt=sse or JSON.", "alt"));
            delivery = alt == "sse" ? GeminiDelivery.ServerSentEvents : GeminiDelivery.JsonArray;
        }
        return flow.HandleAsync(context, new GeminiProtocol(model, delivery));
    }

    public static Task Unknown(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var generatePath = (path.StartsWith(Prefix, StringComparison.Ordinal) && IsGenerateTarget(path[Prefix.Length..]))
                           || (path.StartsWith(StablePrefix, StringComparison.Ordinal) && IsGenerateTarget(path[StablePrefix.Length..]));
        if (generatePath && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            return SendError(context, ProviderError.Invalid($"Method {context.Request.Method} is not allowed on {path}; use POST."),
                StatusCodes.Status405MethodNotAllowed);
        }
        return SendError(context, new ProviderError(ErrorKind.NotFound,
            $"Unknown request URL: {context.Request.Method} {path}. The mock LLM serves POST {Prefix}{{model}}:{GenerateMethod} and :{StreamMethod}."));
    }

    private static Task SendError(HttpContext context, ProviderError error, int? status = null)
    {
        var started = Stopwatch.GetTimestamp();
        var buffer = PooledJsonBuffer.Rent();
        try
        {
            GeminiReplyWriter.WriteError(buffer.Writer, error, status);
            var json = buffer.WrittenSpan;
            var response = context.Response;
            response.StatusCode = status ?? error.StatusCode;
            response.ContentType = "application/json; charset=UTF-8";
            response.ContentLength = json.Length;
            MockHeaders.Set(response, "x-request-id", IdGenerator.New("req_"), 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.BodyWriter.Write(json);
        }
        finally
        {
            buffer.Return();
        }
        return Task.CompletedTask;
    }
}
