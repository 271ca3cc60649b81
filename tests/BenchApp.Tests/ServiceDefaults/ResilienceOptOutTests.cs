using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BenchApp.Tests.ServiceDefaults;

/// <summary>Clients retry transient faults by default; AddRawHttpClient sees every attempt as it is.</summary>
public class ResilienceOptOutTests : IAsyncLifetime
{
    private WebApplication? _server;
    private int _requests;
    private Uri _address = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        // The first request of each pair fails with 503 and Retry-After: 0, so a retry succeeds at once.
        _server.MapGet("/flaky", (HttpContext ctx) =>
        {
            if (Interlocked.Increment(ref _requests) % 2 == 1)
            {
                ctx.Response.Headers.RetryAfter = "0";
                return Results.StatusCode(503);
            }
            return Results.Ok("fine");
        });
        await _server.StartAsync();
        _address = new Uri(_server.Urls.First());
    }

    [Fact]
    public async Task Default_clients_retry_and_raw_clients_do_not()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("resilient");
        builder.Services.AddRawHttpClient("raw");
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        var ct = TestContext.Current.CancellationToken;

        var resilient = await factory.CreateClient("resilient").GetAsync(new Uri(_address, "/flaky"), ct);
        Assert.Equal(HttpStatusCode.OK, resilient.StatusCode);
        Assert.Equal(2, _requests);

        var raw = await factory.CreateClient("raw").GetAsync(new Uri(_address, "/flaky"), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, raw.StatusCode);
        Assert.Equal(3, _requests);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
