using System.Diagnostics;
using Temporalio.Api.Common.V1;
using Temporalio.Client.Interceptors;
using Temporalio.Converters;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace BenchApp.Executors.Temporal;

/// <summary>
/// Carries the run's trace through Temporal: the client's update call is a span whose context travels in a
/// Temporal header; the workflow's update handler and each activity are spans under it, so the engine's own time
/// (the update, scheduling, the activities) shows in the run's trace around the chat and tool spans.
/// Workflow code replays: its span is made only when the update is new (not replaying), and its context is
/// carried to the activities it schedules whether or not a span was made. A worker interceptor too: a client
/// interceptor that also intercepts the worker is used by the worker that shares the client.
/// </summary>
public sealed class TemporalTracingInterceptor : IClientInterceptor, IWorkerInterceptor
{
    public const string SourceName = "BenchApp.Temporal";
    public const string HeaderName = "_benchapp-traceparent";

    public static readonly ActivitySource Source = new(SourceName);

    // The update's incoming context inside workflow code (an AsyncLocal flows along the handler's awaits).
    private static readonly AsyncLocal<string?> WorkflowParent = new();

    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new ClientOutbound(nextInterceptor);

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) => new WorkflowInbound(nextInterceptor);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) => new ActivityInbound(nextInterceptor);

    internal static IDictionary<string, Payload>? WithContext(IDictionary<string, Payload>? headers, string? traceParent)
    {
        if (traceParent is null) return headers;
        var result = headers is null ? new Dictionary<string, Payload>() : new Dictionary<string, Payload>(headers);
        result[HeaderName] = DataConverter.Default.PayloadConverter.ToPayload(traceParent);
        return result;
    }

    internal static ActivityContext ParentFrom(IReadOnlyDictionary<string, Payload>? headers) =>
        TraceParentFrom(headers) is { } traceParent && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    internal static string? TraceParentFrom(IReadOnlyDictionary<string, Payload>? headers) =>
        headers is not null && headers.TryGetValue(HeaderName, out var payload) ? DataConverter.Default.PayloadConverter.ToValue<string>(payload) : null;

    private sealed class ClientOutbound(ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
    {
        public override async Task<Temporalio.Client.WorkflowUpdateHandle<TResult>> StartWorkflowUpdateAsync<TResult>(StartWorkflowUpdateInput input)
        {
            using var span = Source.StartActivity("UpdateWorkflow:" + input.Update, ActivityKind.Client);
            span?.SetTag("temporal.workflow.id", input.Id);
            return await base.StartWorkflowUpdateAsync<TResult>(input with { Headers = WithContext(input.Headers, Activity.Current?.Id) }).ConfigureAwait(false);
        }

        public override async Task<Temporalio.Client.WorkflowUpdateHandle<TResult>> StartUpdateWithStartWorkflowAsync<TResult>(StartUpdateWithStartWorkflowInput input)
        {
            using var span = Source.StartActivity("UpdateWithStartWorkflow:" + input.Update, ActivityKind.Client);
            span?.SetTag("temporal.workflow.id", input.Options.StartWorkflowOperation?.Options?.Id);
            return await base.StartUpdateWithStartWorkflowAsync<TResult>(input with { Headers = WithContext(input.Headers, Activity.Current?.Id) }).ConfigureAwait(false);
        }
    }

    private sealed class WorkflowInbound(WorkflowInboundInterceptor next) : WorkflowInboundInterceptor(next)
    {
        public override void Init(WorkflowOutboundInterceptor outbound) => base.Init(new WorkflowOutbound(outbound));

        public override async Task<object?> HandleUpdateAsync(HandleUpdateInput input)
        {
            var parent = TraceParentFrom(input.Headers);
            WorkflowParent.Value = parent;
            // A replayed update already had its span when it first ran; no ConfigureAwait(false) in workflow code.
            using var span = Workflow.Unsafe.IsReplaying ? null
                : Source.StartActivity("HandleUpdate:" + input.Update, ActivityKind.Server, ParentFrom(input.Headers));
            if (span is not null)
            {
                span.SetTag("temporal.workflow.id", Workflow.Info.WorkflowId);
                span.SetTag("temporal.update.id", input.Id);
                WorkflowParent.Value = span.Id;
            }
            try
            {
                return await base.HandleUpdateAsync(input);
            }
            catch (Exception e)
            {
                span?.SetStatus(ActivityStatusCode.Error, e.Message);
                throw;
            }
        }
    }

    private sealed class WorkflowOutbound(WorkflowOutboundInterceptor next) : WorkflowOutboundInterceptor(next)
    {
        public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input) =>
            base.ScheduleActivityAsync<TResult>(input with { Headers = WithContext(input.Headers, WorkflowParent.Value) });
    }

    private sealed class ActivityInbound(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            var info = Temporalio.Activities.ActivityExecutionContext.Current.Info;
            using var span = Source.StartActivity("RunActivity:" + info.ActivityType, ActivityKind.Server, ParentFrom(input.Headers));
            if (span is not null)
            {
                span.SetTag("temporal.activity.id", info.ActivityId);
                span.SetTag("temporal.activity.attempt", info.Attempt);
                span.SetTag("temporal.workflow.id", info.WorkflowId);
            }
            try
            {
                return await base.ExecuteActivityAsync(input).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                span?.SetStatus(ActivityStatusCode.Error, e.Message);
                throw;
            }
        }
    }
}
