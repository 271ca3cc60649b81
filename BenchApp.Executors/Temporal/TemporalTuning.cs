using Temporalio.Worker;
using Temporalio.Worker.Tuning;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// The worker as a Temporal user would tune it for 100-200 concurrent sessions: autoscaling pollers (the SDK's
/// default of 5 fixed workflow pollers gives the normal queue, where every new session's first task lands, a
/// single one), slots above the highest concurrency, a cache sized to the load rather than to 10,000 sessions,
/// a short sticky timeout so a dead worker's tasks move on quickly. Every value is reported in /v1/info settings.
/// </summary>
public static class TemporalTuning
{
    /// <summary>The workflow gives up on a turn this much before the HTTP side does (at most 2 s, a tenth of short timeouts).</summary>
    public static TimeSpan DeadlineGrace(TimeSpan runTimeout) =>
        runTimeout / 10 < TimeSpan.FromSeconds(2) ? runTimeout / 10 : TimeSpan.FromSeconds(2);

    public static TimeSpan SessionIdleTimeout(ExecutorOptions options) => options.Temporal.SessionIdleTimeout ?? options.Redis.SessionTtl;

    // The SDK's default WorkflowTaskTimeout; not lowered: under load a 2-core machine can pause longer than a short one.
    public static readonly TimeSpan WorkflowTaskTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(TemporalWorkerOptions worker, TemporalOptions temporal)
    {
        worker.MaxCachedWorkflows = temporal.MaxCachedWorkflows;
        worker.MaxConcurrentWorkflowTasks = temporal.MaxConcurrentWorkflowTasks;
        worker.MaxConcurrentActivities = temporal.MaxConcurrentActivities;
        worker.WorkflowTaskPollerBehavior = new PollerBehavior.Autoscaling(minimum: 2, maximum: temporal.MaxPollers, initial: 5);
        worker.ActivityTaskPollerBehavior = new PollerBehavior.Autoscaling(minimum: 1, maximum: temporal.MaxPollers, initial: 5);
        worker.StickyQueueScheduleToStartTimeout = temporal.StickyQueueScheduleToStartTimeout;
        // Stated, though they are the SDK's defaults: the worker asks for eager activities (the server must allow them).
        worker.DisableEagerActivityExecution = false;
        worker.MaxEagerActivityReservationsPerWorkflowTask = 3;
    }

    /// <summary>What /v1/info reports under <c>settings</c>: every value above and the turn's timeouts and retries.</summary>
    public static IReadOnlyDictionary<string, System.Text.Json.JsonElement> Settings(ExecutorOptions options, bool sdkMetrics)
    {
        var t = options.Temporal;
        var llm = options.Llm;
        return new SettingsBuilder()
            .Add("namespace", t.Namespace)
            .Add("task_queue", t.TaskQueue)
            .Add("max_cached_workflows", t.MaxCachedWorkflows)
            .Add("max_concurrent_workflow_tasks", t.MaxConcurrentWorkflowTasks)
            .Add("max_concurrent_activities", t.MaxConcurrentActivities)
            .Add("workflow_task_pollers", $"autoscaling(min=2,max={t.MaxPollers},initial=5)")
            .Add("activity_task_pollers", $"autoscaling(min=1,max={t.MaxPollers},initial=5)")
            .Add("sticky_queue_schedule_to_start_timeout_s", t.StickyQueueScheduleToStartTimeout.TotalSeconds)
            .Add("workflow_task_timeout_s", WorkflowTaskTimeout.TotalSeconds)
            .Add("eager_activity_execution_requested", true)
            .Add("max_eager_activity_reservations_per_workflow_task", 3)
            .Add("heartbeat_timeout_s", t.HeartbeatTimeout.TotalSeconds)
            .Add("heartbeat_interval_s", t.HeartbeatInterval.TotalSeconds)
            .Add("run_timeout_s", options.RunTimeout.TotalSeconds)
            .Add("workflow_deadline_grace_s", DeadlineGrace(options.RunTimeout).TotalSeconds)
            .Add("llm_attempt_timeout_s", llm.AttemptTimeout.TotalSeconds)
            .Add("tool_attempt_timeout_s", t.ToolAttemptTimeout.TotalSeconds)
            .Add("llm_max_attempts", llm.MaxAttempts)
            .Add("llm_initial_backoff_s", llm.InitialBackoff.TotalSeconds)
            .Add("llm_backoff_coefficient", llm.BackoffCoefficient)
            .Add("llm_max_backoff_s", llm.MaxBackoff.TotalSeconds)
            .Add("parallel_tool_calls", true)
            .Add("max_history_events", t.MaxHistoryEvents)
            .Add("session_idle_timeout_s", SessionIdleTimeout(options).TotalSeconds)
            .Add("session_lifetime_s", t.SessionLifetime.TotalSeconds)
            .Add("payload_encoding", "json/plain camelCase")
            .Add("sdk_metrics", sdkMetrics ? "app MeterProvider (BenchApp.Temporal, seconds)" : "off (no OTLP endpoint)")
            .Build();
    }
}
