using BenchApp.Executors.AgentFramework;
using BenchApp.Executors.InProc;
using BenchApp.Executors.Llm;
using BenchApp.Executors.Temporal;

namespace BenchApp.Executors;

public static class ExecutorServiceExtensions
{
    /// <summary>
    /// Registers the executor chosen by <c>--executor temporal|inproc|agent-framework</c> (or <c>Executor:Kind</c>): the shared LLM
    /// clients and tools, then the engine. Aspire's variables fill the gaps: <c>LLM_BASE_URL</c>, <c>LLM_MODEL</c>,
    /// <c>LLM_API_KEY</c>, <c>ConnectionStrings__temporal</c>/<c>TEMPORAL_ADDRESS</c>, <c>TEMPORAL_NAMESPACE</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAgentExecutor(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddOptions<ExecutorOptions>()
            .Bind(config.GetSection(ExecutorOptions.Section))
            .PostConfigure(o => ApplyEnvironment(o, config))
            .Validate(o => o.RunTimeout > TimeSpan.Zero && o.Llm.MaxAttempts >= 1, "Executor:RunTimeout must be positive and Executor:Llm:MaxAttempts at least 1.")
            .Validate(o => o.StateStoreTimeout > TimeSpan.Zero, "Executor:StateStoreTimeout must be positive.")
            .ValidateOnStart();

        // The kind decides what to register, so read it now, the same way the options will.
        var options = new ExecutorOptions();
        config.GetSection(ExecutorOptions.Section).Bind(options);
        ApplyEnvironment(options, config);

        builder.Services.AddLlmClients(options.Llm);
        return options.Kind switch
        {
            ExecutorKind.Temporal => builder.AddTemporalExecutor(options),
            ExecutorKind.AgentFramework => builder.AddAgentFrameworkExecutor(options),
            _ => builder.AddInProcExecutor(options),
        };
    }

    private static void ApplyEnvironment(ExecutorOptions o, IConfiguration config)
    {
        // `--executor temporal` on the command line arrives as the key "executor".
        if (config["executor"] is { Length: > 0 } kind)
            o.Kind = Enum.TryParse<ExecutorKind>(kind.Replace("-", ""), ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"--executor must be 'temporal', 'inproc' or 'agent-framework', not '{kind}'.");

        o.Llm.BaseUrl ??= NonEmpty(config["LLM_BASE_URL"]);
        if (NonEmpty(config["LLM_MODEL"]) is { } model) o.Llm.Model = model;
        if (NonEmpty(config["LLM_API_KEY"]) is { } key) o.Llm.ApiKey = key;
        o.Temporal.Address = HostAndPort(o.Temporal.Address ?? NonEmpty(config.GetConnectionString("temporal")) ?? NonEmpty(config["TEMPORAL_ADDRESS"]));
        if (NonEmpty(config["TEMPORAL_NAMESPACE"]) is { } ns) o.Temporal.Namespace = ns;
    }

    // Temporal wants host:port; an address written as a URL (http://host:7233/) is accepted too.
    private static string? HostAndPort(string? address) =>
        address is null ? null : (address.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? address[(at + 3)..] : address).TrimEnd('/');

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
