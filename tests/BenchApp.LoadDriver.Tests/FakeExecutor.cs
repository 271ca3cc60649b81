using System.Net;
using BenchApp.Contracts;
using BenchApp.Contracts.Directives;
using BenchApp.Contracts.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BenchApp.LoadDriver.Tests;

/// <summary>
/// A small executor for driver tests: follows the contract's reply shape and the directive's counts, but can be
/// told to answer every Nth run wrong, so the driver's checks are tested against a known number of bad replies.
/// </summary>
internal sealed class FakeExecutor : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _runs;

    private FakeExecutor(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Runs it was sent (warm-up and measured).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Runs answered with one LLM call too many.</summary>
    public long WrongAnswers;

    public static async Task<FakeExecutor> StartAsync(string name, int wrongEvery = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeExecutor(app);

        app.MapGet("/health", () => TypedResults.Ok());
        app.MapGet("/v1/info", () => TypedResults.Json(new ExecutorInfo
        {
            Executor = name, Language = "csharp", RuntimeVersion = Environment.Version.ToString(), Framework = "none",
            FrameworkVersion = "-", Durable = false, StateStore = "memory", Pid = Environment.ProcessId,
        }, ContractJson.Options));
        app.MapPost("/v1/runs", async Task<IResult> (HttpContext http) =>
        {
            var request = await http.Request.ReadFromJsonAsync<RunRequest>(ContractJson.Options);
            var directive = BenchDirective.Parse(request?.Message) ?? new BenchDirective();
            var n = Interlocked.Increment(ref fake._runs);
            var wrong = wrongEvery > 0 && n % wrongEvery == 0;
            if (wrong) Interlocked.Increment(ref fake.WrongAnswers);
            var calls = directive.ExpectedLlmCalls + (wrong ? 1 : 0);
            return TypedResults.Json(new RunResponse
            {
                SessionId = request?.SessionId ?? Guid.NewGuid().ToString("N"),
                Output = string.Join(' ', Enumerable.Repeat("alpha", directive.ReplyTokens)),
                StopReason = StopReasons.Completed,
                Iterations = calls, LlmCalls = calls, ToolCalls = directive.ToolCalls,
                Usage = new RunUsage(10, directive.ReplyTokens),
                TimingsMs = new RunTimings(1, 0.5, 0.1, 0.2),
            }, ContractJson.Options);
        });
        await app.StartAsync();
        fake.Url = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>A loopback URL where nothing listens (for an unavailable executor).</summary>
    public static Uri ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
