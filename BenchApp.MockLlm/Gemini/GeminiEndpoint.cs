using System.Buffers;
using System.Diagnostics;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Gemini;

/// <summary>
/// The Gemini API (<c>generativelanguage.googleapis.com</c> shape, version <c>v1beta</c>):
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> (<c>alt=sse</c> for
/// server-sent events, as @google/genai and google-genai always ask; without it one streamed JSON array).
/// Any API key is accepted, from <c>x-goog-api-key</c> or <c>?key=</c>, or none. Anything else under
/// <c>/v1beta</c> is a 404 (405 for another method on a generate path) in Google's error shape.
/// </summary>
public static class GeminiEndpoint
{
    public const string Prefix = "/v1beta/models/";
    public const string GenerateMethod = "generateContent";
    public const string StreamMethod = "streamGenerateContent";

    public static IEndpointRouteBuilder MapGeminiEndpoint(this IEndpointRouteBuilder app)
    {
        var flow = app.ServiceProvider.GetRequiredService<CompletionFlow>();
        app.MapPost(Prefix + "{**target}", context => HandleAsync(context, flow));
        app.MapFallback("/v1beta/{**path}", Unknown);
        return app;
    }

    private static Task HandleAsync(HttpContext context, CompletionFlow flow)
    {
        var target = (string?)context.Request.RouteValues["target"] ?? "";
        var colon = target.LastIndexOf(':');
        var model = colon > 0 ? target[..colon] : "";
        var method = colon > 0 ? target[(colon + 1)..] : "";
        if (model.Length == 0 || model.Contains('/') || method is not (GenerateMethod or StreamMethod)) return Unknown(context);

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

    private static Task Unknown(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var generatePath = path.StartsWith(Prefix, StringComparison.Ordinal)
                           && (path.EndsWith(":" + GenerateMethod, StringComparison.Ordinal) || path.EndsWith(":" + StreamMethod, StringComparison.Ordinal));
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
