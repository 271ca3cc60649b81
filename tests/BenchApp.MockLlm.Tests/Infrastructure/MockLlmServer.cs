using System.Net.Http.Json;
using BenchApp.Contracts.MockLlm;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BenchApp.MockLlm.Tests.Infrastructure;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 on a free port (WebApplicationFactory + UseKestrel), so clients
/// talk real HTTP to it. Each test class gets its own instance: the admin API changes shared state.
/// </summary>
public sealed class MockLlmServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private Uri? _baseAddress;

    public MockLlmServer() : this(new Dictionary<string, string?>()) { }

    /// <summary>A server with extra configuration (e.g. <c>MockLlm:MaxRequestBodyBytes</c>).</summary>
    public static MockLlmServer WithSettings(IReadOnlyDictionary<string, string?> settings) => new(settings);

    private MockLlmServer(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        // Kestrel without a fixed port: the address comes from "urls" below (port 0 = any free port).
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
    }

    /// <summary>The service root, e.g. http://127.0.0.1:41234/ (the OpenAI base URL is this + v1/).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is not null) return _baseAddress;
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            _baseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
            return _baseAddress;
        }
    }

    public HttpClient NewHttpClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>Back to the shipped defaults: no latency or faults, seed 42, stats and runs cleared.</summary>
    public async Task ResetAsync()
    {
        using var http = NewHttpClient();
        (await http.PutAsJsonAsync(MockLlmApi.ConfigPath.TrimStart('/'), new MockLlmConfig(), MockLlmJsonContext.Default.MockLlmConfig)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync(MockLlmApi.FailNextPath.TrimStart('/'), new FailNextRequest { Count = 0 }, MockLlmJsonContext.Default.FailNextRequest)).EnsureSuccessStatusCode();
        (await http.PostAsync(MockLlmApi.StatsResetPath.TrimStart('/'), null)).EnsureSuccessStatusCode();
        (await http.DeleteAsync(MockLlmApi.RunsPath.TrimStart('/'))).EnsureSuccessStatusCode();
    }
}
