using System.ClientModel;
using System.ClientModel.Primitives;
using BenchApp.Contracts.Tools;
using BenchApp.Executors.Api;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenAI;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace BenchApp.Executors.AgentFramework;

public static class AgentFrameworkServiceExtensions
{
    /// <summary>The HttpClient under the OpenAI SDK: no resilience handler (the SDK's retry policy is the only one), service discovery kept.</summary>
    public const string HttpClientName = "llm-agent-framework";

    /// <summary>chat spans and the gen_ai metrics of each LLM call (exported by service defaults with every <c>BenchApp.*</c> source and meter).</summary>
    public const string ChatSourceName = "BenchApp.Executors.AgentFramework";

    /// <summary>
    /// invoke_agent and execute_tool spans: the framework's default source name (OpenTelemetryAgent's, given
    /// explicitly), registered for tracing only. Not a
    /// <c>BenchApp.*</c> name, because OpenTelemetryAgent measures the whole run with an OpenTelemetryChatClient of
    /// its own that records it as one more <c>chat</c> in gen_ai.client.operation.duration and counts its tokens again.
    /// </summary>
    public const string AgentSourceName = "Experimental.Microsoft.Agents.AI";

    /// <summary>
    /// The Agent Framework executor: one <see cref="ChatClientAgent"/> for the process over the OpenAI SDK's chat client,
    /// the Contracts tools as AIFunctions, sessions in Redis (<c>ConnectionStrings:redis</c>).
    /// </summary>
    public static IHostApplicationBuilder AddAgentFrameworkExecutor(this IHostApplicationBuilder builder, ExecutorOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("The agent-framework executor needs Redis: set ConnectionStrings__redis (e.g. localhost:6379).");

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            ConnectionMultiplexer.Connect(RedisSessionStore.Configuration(connectionString, options.StateStoreTimeout)));
        builder.Services.AddSingleton(sp => new RedisSessionStore(
            sp.GetRequiredService<IConnectionMultiplexer>(), $"bench:{options.ResourceName}:session:", options.Redis.SessionTtl, options.StateStoreTimeout));

        builder.Services.AddRawHttpClient(HttpClientName).ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(sp => CreateAgent(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options, sp.GetRequiredService<ILoggerFactory>()));

        builder.Services.AddSingleton<IAgentExecutor>(sp => new AgentFrameworkExecutor(
            sp.GetRequiredService<AIAgent>(), sp.GetRequiredService<RedisSessionStore>(), Info(options)));

        builder.Services.AddHealthChecks().AddCheck<RedisSessionHealthCheck>(RedisSessionStore.Dependency);
        // ChatClientAgent logs two Information lines per run; the other executors log nothing per run.
        builder.Logging.AddFilter("Microsoft.Agents.AI", LogLevel.Warning);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(AgentSourceName));
        return builder;
    }

    public static Contracts.Runs.ExecutorInfo Info(ExecutorOptions options) =>
        ExecutorInfoFactory.Create(options.ResourceName, "microsoft-agent-framework", ExecutorInfoFactory.VersionOf(typeof(ChatClientAgent)),
            durable: false, stateStore: "redis") with { Settings = AgentFrameworkSettings.Create(options) };

    /// <summary>
    /// The agent, built once. Its pipeline, outside in: OpenTelemetryAgent -> ChatClientAgent -> (added by ChatClientAgent)
    /// ApprovalResponseBindingChatClient -> ApprovalNotRequiredFunctionBypassingChatClient -> FunctionInvokingChatClient
    /// -> DeferredOpenTelemetryChatClient (inert) -> ours: OpenTelemetryChatClient -> LlmCallMeter -> OpenAI ChatClient.
    /// </summary>
    public static AIAgent CreateAgent(HttpClient http, ExecutorOptions options, ILoggerFactory? loggerFactory = null)
    {
        var llm = options.Llm;
        var endpoint = (string.IsNullOrWhiteSpace(llm.BaseUrl) ? LlmOptions.ServiceDiscoveryBaseUrl : llm.BaseUrl.Trim()).TrimEnd('/');
        var openAi = new OpenAIClient(new ApiKeyCredential(llm.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint),
            RetryPolicy = new LlmClientRetryPolicy(llm),
            NetworkTimeout = llm.AttemptTimeout,
            Transport = new HttpClientPipelineTransport(http),
        });

        return CreateAgent(openAi.GetChatClient(llm.Model).AsIChatClient(), options.ResourceName, loggerFactory);
    }

    /// <summary>
    /// The agent over a leaf chat client (the OpenAI SDK's; tests give a scripted one), with our two layers on the leaf
    /// and the Contracts tools.
    /// </summary>
    public static AIAgent CreateAgent(IChatClient leaf, string name, ILoggerFactory? loggerFactory = null)
    {
        // Where the framework itself puts chat telemetry (DeferredOpenTelemetryChatClient): below the function loop,
        // so each LLM call is one chat span and execute_tool spans hang off invoke_agent.
        var chatClient = leaf.AsBuilder()
            .UseOpenTelemetry(loggerFactory, ChatSourceName)
            .Use(inner => new LlmCallMeter(inner))
            .Build();

        var tools = BenchTools.Definitions.Select(d => (AITool)new MeteredToolFunction(new BenchToolFunction(d))).ToList();
        var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            Id = name,
            Name = name,
            ChatOptions = new ChatOptions { Tools = tools },
            AllowConcurrentInvocation = AgentFrameworkSettings.AllowConcurrentInvocation,
        }, loggerFactory);

        // The loop's limits live on the FunctionInvokingChatClient ChatClientAgent inserted; set them explicitly.
        var functions = agent.GetService<FunctionInvokingChatClient>()
            ?? throw new InvalidOperationException("ChatClientAgent did not insert a FunctionInvokingChatClient.");
        functions.MaximumIterationsPerRequest = AgentFrameworkSettings.MaximumIterationsPerRequest;
        functions.MaximumConsecutiveErrorsPerRequest = AgentFrameworkSettings.MaximumConsecutiveErrorsPerRequest;
        functions.AllowConcurrentInvocation = AgentFrameworkSettings.AllowConcurrentInvocation;
        functions.IncludeDetailedErrors = false;
        functions.TerminateOnUnknownCalls = false;

        return agent.AsBuilder().UseOpenTelemetry(AgentSourceName).Build();
    }
}

/// <summary>Healthy when Redis answers PING within the state-store bound; else it says why.</summary>
public sealed class RedisSessionHealthCheck(RedisSessionStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await store.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.###} ms");
        }
        catch (DependencyUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
