using BenchApp.MockLlm.Accounting;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Faults;
using BenchApp.MockLlm.Hosting;
using BenchApp.MockLlm.Runtime;
using BenchApp.MockLlm.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the mock LLM's services: validated options, the live behaviour model, accounting, metrics.</summary>
public static class MockLlmHostingExtensions
{
    public static TBuilder AddMockLlm<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddShippedSettingsFallback();

        var services = builder.Services;
        services.AddOptions<MockLlmOptions>()
            .BindConfiguration(MockLlmOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MockLlmOptions>, MockLlmOptionsValidator>();

        services.AddSingleton<ConfigStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ServiceStats>();
        services.AddSingleton(sp => new RunLedger(sp.GetRequiredService<IOptions<MockLlmOptions>>().Value.MaxTrackedRuns));
        services.AddSingleton<MockLlmMetrics>();
        services.AddSingleton<CompletionFlow>();
        // A larger body limit than Kestrel's default must not be cut by Kestrel first.
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            var limit = builder.Configuration.GetValue(MockLlmOptions.SectionName + ":MaxRequestBodyBytes", MockLlmOptions.DefaultMaxRequestBodyBytes);
            if (kestrel.Limits.MaxRequestBodySize is { } current && current <= limit) kestrel.Limits.MaxRequestBodySize = limit + 1L;
        });
        return builder;
    }

    /// <summary>
    /// Test suites start the service as <c>dotnet path/to/BenchApp.MockLlm.dll</c> from another folder, which
    /// becomes the content root, without this service's appsettings.json: per-request logging would then be on.
    /// The settings shipped beside the binary are added as the lowest-priority source, so a content root's own
    /// appsettings.json and the environment still override them.
    /// </summary>
    private static void AddShippedSettingsFallback(this IHostApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var contentRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(builder.Environment.ContentRootPath));
        var baseDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory));
        if (!File.Exists(shipped) || contentRoot == baseDirectory) return;
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
    }
}
