using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Llm;
using Microsoft.Extensions.Options;

namespace BenchApp.Executors.Api;

/// <summary>The executor API of docs/executor-api.md: <c>POST /v1/runs</c>, <c>GET /v1/info</c>, and problem+json for every error.</summary>
public static partial class RunEndpoints
{
    public static WebApplication MapExecutorApi(this WebApplication app)
    {
        // Routing errors (404 unknown path, 405 wrong method) have no body: give them the contract's shape.
        app.UseStatusCodePages(context => Problems.WriteAsync(context.HttpContext, Problems.ForStatus(context.HttpContext.Response.StatusCode)));

        var executor = app.Services.GetRequiredService<IAgentExecutor>();
        var infoJson = JsonSerializer.SerializeToUtf8Bytes(executor.Info, ExecutorJsonContext.Default.ExecutorInfo);
        app.MapGet("/v1/info", (HttpContext context) => WriteJsonAsync(context, infoJson));

        var options = app.Services.GetRequiredService<IOptions<ExecutorOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BenchApp.Executors.Runs");
        app.MapPost("/v1/runs", (HttpContext context) => RunAsync(context, executor, options, logger));
        return app;
    }

    private static async Task RunAsync(HttpContext context, IAgentExecutor executor, ExecutorOptions options, ILogger logger)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var request = context.Request;
        if (!RunRequestReader.IsJsonContentType(request.ContentType))
        {
            await Problems.WriteAsync(context, Problems.UnsupportedMediaType(request.ContentType));
            return;
        }

        ValidRunRequest? run;
        ProblemBody? problem;
        if (request.ContentLength > ContractLimits.MaxBodyBytes)
        {
            (run, problem) = (null, Problems.Field("body", $"Must be at most {ContractLimits.MaxBodyBytes} bytes."));
        }
        else
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ContractLimits.MaxBodyBytes + 1);
            try
            {
                var length = await ReadBodyAsync(request.Body, buffer, context.RequestAborted);
                (run, problem) = RunRequestReader.Read(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        if (problem is not null)
        {
            await Problems.WriteAsync(context, problem);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.RunTimeout);
        try
        {
            var response = await executor.RunAsync(run!, startedAt, timeout.Token);
            await WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(response, ExecutorJsonContext.Default.RunResponse));
        }
        catch (SessionNotFoundException e)
        {
            await Problems.WriteAsync(context, Problems.SessionNotFound(e.SessionId));
        }
        catch (LlmException e)
        {
            LogLlmFailure(logger, e.Kind, e.Message);
            var detail = e.IsRetryable && options.Llm.MaxAttempts > 1 ? $"{e.Message[..^1]} after {options.Llm.MaxAttempts} attempts." : e.Message;
            await Problems.WriteAsync(context, e.Kind == LlmFailureKind.Timeout ? Problems.Timeout(detail) : Problems.LlmUnavailable(detail));
        }
        catch (DependencyUnavailableException e)
        {
            LogDependencyUnavailable(logger, e.Dependency, e.Message);
            await Problems.WriteAsync(context, Problems.DependencyUnavailable(e.Dependency, e.Message));
        }
        catch (RunTimeoutException e)
        {
            await Problems.WriteAsync(context, Problems.Timeout(e.Message));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            await Problems.WriteAsync(context, Problems.Timeout($"No final answer within {options.RunTimeout.TotalSeconds:0.###} s."));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
        }
        catch (Exception e)
        {
            LogRunFailed(logger, e);
            if (!context.Response.HasStarted) await Problems.WriteAsync(context, Problems.Internal());
        }
    }

    /// <summary>Reads at most buffer.Length bytes; a body that fills the buffer is over the limit and fails validation.</summary>
    private static async Task<int> ReadBodyAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            total += read;
        return total;
    }

    private static Task WriteJsonAsync(HttpContext context, byte[] json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM failed after retries ({Kind}): {Detail}")]
    private static partial void LogLlmFailure(ILogger logger, LlmFailureKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable ({Dependency}): {Detail}")]
    private static partial void LogDependencyUnavailable(ILogger logger, string dependency, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "The run failed.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
