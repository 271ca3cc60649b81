using BenchApp.Executors.Api;
using BenchApp.Executors.InProc;
using BenchApp.Executors.Temporal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BenchApp.Executors.Tests;

/// <summary>How the executor reads its kind and its dependencies from the command line and Aspire's variables.</summary>
public class ExecutorConfigurationTests
{
    private static (ServiceProvider Provider, IServiceCollection Services) Build(string[] args, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddCommandLine(args);
        builder.AddAgentExecutor();
        return (builder.Services.BuildServiceProvider(), builder.Services);
    }

    private static Type ExecutorType(IServiceCollection services) =>
        services.Single(d => d.ServiceType == typeof(IAgentExecutor)).ImplementationType!;

    [Fact]
    public void Executor_inproc_reads_redis_and_the_llm_from_aspire_variables()
    {
        var (provider, services) = Build(["--executor", "inproc"], new()
        {
            ["ConnectionStrings:redis"] = "localhost:6379",
            ["LLM_BASE_URL"] = "http://127.0.0.1:9999/v1",
            ["LLM_MODEL"] = "other-model",
        });
        var options = provider.GetRequiredService<IOptions<ExecutorOptions>>().Value;
        Assert.Equal((ExecutorKind.InProc, "dotnet-inproc", "http://127.0.0.1:9999/v1", "other-model", "mock-key"),
            (options.Kind, options.ResourceName, options.Llm.BaseUrl, options.Llm.Model, options.Llm.ApiKey));
        Assert.Equal(typeof(InProcAgentExecutor), ExecutorType(services));
    }

    [Fact]
    public void Executor_temporal_takes_the_aspire_connection_string_before_temporal_address()
    {
        var (provider, services) = Build(["--executor", "temporal"], new()
        {
            ["ConnectionStrings:temporal"] = "localhost:7233",
            ["TEMPORAL_ADDRESS"] = "elsewhere:7233",
            ["TEMPORAL_NAMESPACE"] = "bench",
            ["Executor:Temporal:TaskQueue"] = "q1",
        });
        var options = provider.GetRequiredService<IOptions<ExecutorOptions>>().Value;
        Assert.Equal((ExecutorKind.Temporal, "dotnet-temporal", "localhost:7233", "bench", "q1"),
            (options.Kind, options.ResourceName, options.Temporal.Address, options.Temporal.Namespace, options.Temporal.TaskQueue));
        Assert.Equal(typeof(TemporalAgentExecutor), ExecutorType(services));
    }

    [Fact]
    public void The_hosted_worker_serves_the_workflow_and_both_activities_on_the_task_queue()
    {
        var (provider, _) = Build(["--executor", "temporal"], new() { ["TEMPORAL_ADDRESS"] = "host:7233", ["Executor:Temporal:TaskQueue"] = "q7" });
        var worker = provider.GetRequiredService<IOptionsMonitor<Temporalio.Extensions.Hosting.TemporalWorkerServiceOptions>>().Get("q7");
        Assert.Equal("q7", worker.TaskQueue);
        Assert.Null(worker.ClientOptions); // the worker uses the one ITemporalClient of the process
        var client = provider.GetRequiredService<IOptions<Temporalio.Client.TemporalClientConnectOptions>>().Value;
        Assert.Equal(("host:7233", "default"), (client.TargetHost, client.Namespace));
        Assert.Same(AgentPayloads.Converter, client.DataConverter);
        Assert.IsType<TemporalTracingInterceptor>(Assert.Single(client.Interceptors!));
        Assert.Equal([AgentWorkflow.Name], worker.Workflows.Select(w => w.Name));
        Assert.Equal(["Chat", "ExecuteTool"], worker.Activities.Select(a => a.Name).Order());
        Assert.Equal((1000, 400, 1000, TimeSpan.FromSeconds(2)),
            (worker.MaxCachedWorkflows, worker.MaxConcurrentWorkflowTasks, worker.MaxConcurrentActivities, worker.StickyQueueScheduleToStartTimeout));
        Assert.IsType<Temporalio.Worker.Tuning.PollerBehavior.Autoscaling>(worker.WorkflowTaskPollerBehavior);
        Assert.IsType<Temporalio.Worker.Tuning.PollerBehavior.Autoscaling>(worker.ActivityTaskPollerBehavior);
    }

    [Fact]
    public void Temporal_address_is_used_when_aspire_gives_no_connection_string()
    {
        var (provider, _) = Build(["--executor", "temporal"], new() { ["TEMPORAL_ADDRESS"] = "http://host:7233/" });
        Assert.Equal(("host:7233", "default"), (provider.GetRequiredService<IOptions<ExecutorOptions>>().Value.Temporal.Address,
            provider.GetRequiredService<IOptions<ExecutorOptions>>().Value.Temporal.Namespace));
    }

    [Fact]
    public void An_unknown_executor_kind_is_refused() =>
        Assert.Contains("--executor must be 'temporal', 'inproc' or 'agent-framework'",
            Assert.Throws<InvalidOperationException>(() => Build(["--executor", "langgraph"], [])).Message);

    [Fact]
    public void Inproc_without_redis_is_refused_with_the_setting_to_give() =>
        Assert.Contains("ConnectionStrings__redis", Assert.Throws<InvalidOperationException>(() => Build(["--executor", "inproc"], [])).Message);
}
