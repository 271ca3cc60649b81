using BenchApp.Executors.Temporal;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace BenchApp.Executors.Tests.Temporal;

public class TemporalExecutorInfoTests
{
    private static TemporalAgentExecutor Executor(ExecutorOptions options) =>
        // A lazy client connects on first use; describing the executor uses none.
        new(TemporalClient.CreateLazy(new TemporalClientConnectOptions("127.0.0.1:1")), Options.Create(options));

    [Fact]
    public void Info_names_the_installed_temporal_sdk_and_says_durable()
    {
        var info = Executor(new ExecutorOptions { Kind = ExecutorKind.Temporal }).Info;

        var installed = typeof(ITemporalClient).Assembly.GetName().Version!;
        Assert.Equal(("dotnet-temporal", "csharp", "temporal", true, "temporal", Environment.ProcessId),
            (info.Executor, info.Language, info.Framework, info.Durable, info.StateStore, info.Pid));
        Assert.Equal($"{installed.Major}.{installed.Minor}.{installed.Build}", info.FrameworkVersion);
        Assert.Contains(info.Build, new[] { "release", "debug" });
    }

    [Fact]
    public void Settings_report_the_tuning_and_the_timeouts_actually_configured()
    {
        var options = new ExecutorOptions { Kind = ExecutorKind.Temporal, RunTimeout = TimeSpan.FromSeconds(30) };
        options.Temporal.MaxCachedWorkflows = 250;
        options.Redis.SessionTtl = TimeSpan.FromMinutes(10);

        var settings = Executor(options).Info.Settings!;

        Assert.Equal(250, settings["max_cached_workflows"].GetInt32());
        Assert.Equal(400, settings["max_concurrent_workflow_tasks"].GetInt32());
        Assert.Equal(1000, settings["max_concurrent_activities"].GetInt32());
        Assert.Equal("autoscaling(min=2,max=100,initial=5)", settings["workflow_task_pollers"].GetString());
        Assert.Equal(2, settings["sticky_queue_schedule_to_start_timeout_s"].GetDouble());
        Assert.Equal((5.0, 1.0), (settings["heartbeat_timeout_s"].GetDouble(), settings["heartbeat_interval_s"].GetDouble()));
        // The session ends idle after the other executors' Redis TTL; the workflow gives up 2 s before the HTTP side.
        Assert.Equal(600, settings["session_idle_timeout_s"].GetDouble());
        Assert.Equal((30.0, 2.0), (settings["run_timeout_s"].GetDouble(), settings["workflow_deadline_grace_s"].GetDouble()));
        Assert.True(settings["eager_activity_execution_requested"].GetBoolean());
        Assert.Equal("off (no OTLP endpoint)", settings["sdk_metrics"].GetString());
    }

    [Theory]
    [InlineData(120, 2)]
    [InlineData(4, 0.4)]
    public void The_workflows_deadline_grace_is_at_most_two_seconds_and_a_tenth_of_short_timeouts(double runTimeout, double grace) =>
        Assert.Equal(grace, TemporalTuning.DeadlineGrace(TimeSpan.FromSeconds(runTimeout)).TotalSeconds, 6);
}
