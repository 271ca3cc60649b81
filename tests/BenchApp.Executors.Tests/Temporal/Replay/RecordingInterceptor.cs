using System.Collections.Concurrent;
using Temporalio.Api.Common.V1;
using Temporalio.Workflows;
using Temporalio.Worker.Interceptors;

namespace BenchApp.Executors.Tests.Temporal.Replay;

/// <summary>
/// Records, while a history replays, what the workflow code did with it: the activities it scheduled with their
/// arguments, options and headers, what each update returned or threw, and what it continued as new with.
/// Replay alone checks only the command sequence (and ignores activity options); these records let a test check
/// the data and the timeouts flowing through it.
/// </summary>
internal sealed class RecordingInterceptor : IWorkerInterceptor
{
    public ConcurrentQueue<RecordedActivity> Activities { get; } = new();
    public ConcurrentQueue<object?> UpdateResults { get; } = new();
    public ConcurrentQueue<Exception> UpdateFailures { get; } = new();
    public ConcurrentQueue<object?> ContinueAsNewArguments { get; } = new();
    public ConcurrentQueue<object?> WorkflowResults { get; } = new();

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) => new Inbound(nextInterceptor, this);

    private sealed class Inbound(WorkflowInboundInterceptor next, RecordingInterceptor recorder) : WorkflowInboundInterceptor(next)
    {
        public override void Init(WorkflowOutboundInterceptor outbound) => base.Init(new Outbound(outbound, recorder));

        public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            var result = await base.ExecuteWorkflowAsync(input);
            recorder.WorkflowResults.Enqueue(result);
            return result;
        }

        public override async Task<object?> HandleUpdateAsync(HandleUpdateInput input)
        {
            try
            {
                var result = await base.HandleUpdateAsync(input);
                recorder.UpdateResults.Enqueue(result);
                return result;
            }
            catch (Exception e)
            {
                recorder.UpdateFailures.Enqueue(e);
                throw;
            }
        }
    }

    private sealed class Outbound(WorkflowOutboundInterceptor next, RecordingInterceptor recorder) : WorkflowOutboundInterceptor(next)
    {
        public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input)
        {
            recorder.Activities.Enqueue(new(input.Activity, input.Args.SingleOrDefault(), input.Options, input.Headers?.ToDictionary() ?? []));
            return base.ScheduleActivityAsync<TResult>(input);
        }

        public override ContinueAsNewException CreateContinueAsNewException(CreateContinueAsNewExceptionInput input)
        {
            recorder.ContinueAsNewArguments.Enqueue(input.Args.SingleOrDefault());
            return base.CreateContinueAsNewException(input);
        }
    }
}

/// <summary>One activity the workflow scheduled: its type, argument, options and headers.</summary>
internal sealed record RecordedActivity(string Activity, object? Argument, ActivityOptions Options, Dictionary<string, Payload> Headers);
