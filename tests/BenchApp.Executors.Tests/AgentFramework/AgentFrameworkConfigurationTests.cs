using BenchApp.Executors.AgentFramework;
using BenchApp.Executors.Api;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>How <c>--executor agent-framework</c> is registered and what its agent is made of.</summary>
public class AgentFrameworkConfigurationTests
{
    private static ServiceProvider Build(string[] args, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddCommandLine(args);
        builder.AddAgentExecutor();
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void Executor_agent_framework_registers_one_agent_with_the_contract_tools_and_the_loop_settings()
    {
        using var provider = Build(["--executor", "agent-framework"], new()
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,connectTimeout=100",
            ["LLM_BASE_URL"] = "http://127.0.0.1:9/v1",
        });
        var options = provider.GetRequiredService<IOptions<ExecutorOptions>>().Value;
        Assert.Equal((ExecutorKind.AgentFramework, "dotnet-agent-framework"), (options.Kind, options.ResourceName));

        var agent = provider.GetRequiredService<AIAgent>();
        Assert.Same(agent, provider.GetRequiredService<AIAgent>());
        Assert.IsType<OpenTelemetryAgent>(agent);
        var functions = agent.GetService<FunctionInvokingChatClient>()!;
        Assert.Equal((50, true, 3), (functions.MaximumIterationsPerRequest, functions.AllowConcurrentInvocation, functions.MaximumConsecutiveErrorsPerRequest));
        var tools = agent.GetService<ChatClientAgentOptions>()!.ChatOptions!.Tools!;
        Assert.Equal(["get_weather", "calculator"], tools.Select(t => t.Name));
        Assert.All(tools, t => Assert.IsType<MeteredToolFunction>(t));
        // Our layers sit on the OpenAI client, below the function loop.
        Assert.NotNull(agent.GetService<LlmCallMeter>());
        Assert.NotNull(agent.GetService<OpenTelemetryChatClient>());

        var info = provider.GetRequiredService<IAgentExecutor>().Info;
        Assert.Equal(("dotnet-agent-framework", "microsoft-agent-framework", "1.28.0"), (info.Executor, info.Framework, info.FrameworkVersion));
    }

    [Fact]
    public void Agent_framework_without_redis_is_refused_with_the_setting_to_give() =>
        Assert.Contains("ConnectionStrings__redis", Assert.Throws<InvalidOperationException>(() => Build(["--executor", "agent-framework"], [])).Message);
}
