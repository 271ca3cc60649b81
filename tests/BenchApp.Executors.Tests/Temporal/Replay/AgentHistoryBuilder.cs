using BenchApp.Executors.Temporal;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Sdk.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Common;
using Temporalio.Converters;

namespace BenchApp.Executors.Tests.Temporal.Replay;

/// <summary>
/// Writes a workflow history event by event, as the Temporal server would record it for <see cref="AgentWorkflow"/>:
/// workflow tasks, update protocol events, activities and their results, continue-as-new. Payloads are made with
/// the SDK's default converter, exactly as a real worker and client would encode them.
/// </summary>
internal sealed class AgentHistoryBuilder
{
    public const string TaskQueueName = "benchapp-agent";
    private const string Identity = "replay-test@localhost";

    private readonly List<HistoryEvent> _events = [];
    private readonly IPayloadConverter _converter = DataConverter.Default.PayloadConverter;
    private DateTime _now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _activitySeq;
    private bool _flagsWritten;

    public long LastEventId => _events.Count;

    /// <summary>Moves the server's clock (event times, hence Workflow.UtcNow) forward.</summary>
    public AgentHistoryBuilder Advance(TimeSpan by)
    {
        _now += by;
        return this;
    }

    public AgentHistoryBuilder Started(string workflowId, AgentSessionInput input)
    {
        Add(EventType.WorkflowExecutionStarted, e => e.WorkflowExecutionStartedEventAttributes = new()
        {
            WorkflowType = new WorkflowType { Name = AgentWorkflow.Name },
            TaskQueue = new TaskQueue { Name = TaskQueueName, Kind = TaskQueueKind.Normal },
            Input = Payloads(input),
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            WorkflowExecutionTimeout = Duration.FromTimeSpan(TimeSpan.FromHours(24)),
            OriginalExecutionRunId = "run-1",
            FirstExecutionRunId = "run-1",
            Identity = Identity,
            Attempt = 1,
            FirstWorkflowTaskBackoff = Duration.FromTimeSpan(TimeSpan.Zero),
            WorkflowId = workflowId,
        });
        return this;
    }

    /// <summary>A workflow task scheduled; returns its event id (the sequencing id of an update delivered with it).</summary>
    public long WorkflowTaskScheduled()
    {
        Add(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = new TaskQueue { Name = TaskQueueName, Kind = TaskQueueKind.Normal },
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            Attempt = 1,
        });
        return LastEventId;
    }

    /// <summary>Starts and completes the workflow task scheduled at <paramref name="scheduledId"/>; returns the completed event id.</summary>
    public long WorkflowTaskRan(long scheduledId, bool suggestContinueAsNew = false)
    {
        Add(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            Identity = Identity,
            RequestId = Guid.NewGuid().ToString(),
            HistorySizeBytes = 1000,
            SuggestContinueAsNew = suggestContinueAsNew,
        });
        var startedId = LastEventId;
        Add(EventType.WorkflowTaskCompleted, e => e.WorkflowTaskCompletedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            StartedEventId = startedId,
            Identity = Identity,
            // As a current SDK records them: with ID-and-type determinism checks (core flag 1) on.
            SdkMetadata = FirstFlags(),
        });
        return LastEventId;
    }

    /// <summary>A whole workflow task: scheduled, started, completed.</summary>
    public long WorkflowTask(bool suggestContinueAsNew = false) => WorkflowTaskRan(WorkflowTaskScheduled(), suggestContinueAsNew);

    public long UpdateAccepted(string updateId, TurnRequest turn, long sequencingEventId)
    {
        Add(EventType.WorkflowExecutionUpdateAccepted, e => e.WorkflowExecutionUpdateAcceptedEventAttributes = new()
        {
            ProtocolInstanceId = updateId,
            AcceptedRequestMessageId = updateId + "/request",
            AcceptedRequestSequencingEventId = sequencingEventId,
            AcceptedRequest = new Request
            {
                Meta = new Meta { UpdateId = updateId, Identity = Identity },
                Input = new Input { Name = "RunTurn", Args = Payloads(turn) },
            },
        });
        return LastEventId;
    }

    public void UpdateCompleted(string updateId, long acceptedEventId, object result) =>
        Add(EventType.WorkflowExecutionUpdateCompleted, e => e.WorkflowExecutionUpdateCompletedEventAttributes = new()
        {
            Meta = new Meta { UpdateId = updateId, Identity = Identity },
            AcceptedEventId = acceptedEventId,
            Outcome = new Outcome { Success = Payloads(result) },
        });

    public void UpdateFailed(string updateId, long acceptedEventId, Failure failure) =>
        Add(EventType.WorkflowExecutionUpdateCompleted, e => e.WorkflowExecutionUpdateCompletedEventAttributes = new()
        {
            Meta = new Meta { UpdateId = updateId, Identity = Identity },
            AcceptedEventId = acceptedEventId,
            Outcome = new Outcome { Failure = failure },
        });

    /// <summary>An activity scheduled by the workflow task completed at <paramref name="workflowTaskCompletedId"/>; returns its event id.</summary>
    public long ActivityScheduled(string activityType, object input, long workflowTaskCompletedId)
    {
        var seq = ++_activitySeq;
        Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new()
        {
            ActivityId = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ActivityType = new ActivityType { Name = activityType },
            TaskQueue = new TaskQueue { Name = TaskQueueName, Kind = TaskQueueKind.Normal },
            Input = Payloads(input),
            ScheduleToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(2)),
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
            WorkflowTaskCompletedEventId = workflowTaskCompletedId,
            RetryPolicy = new Temporalio.Api.Common.V1.RetryPolicy { MaximumAttempts = 3 },
        });
        return LastEventId;
    }

    /// <summary>The activity ran (<paramref name="attempt"/> &gt; 1: it was retried after <paramref name="lastFailure"/>) and returned <paramref name="result"/>.</summary>
    public void ActivityCompleted(long scheduledId, object result, int attempt = 1, Failure? lastFailure = null)
    {
        var startedId = ActivityStarted(scheduledId, attempt, lastFailure);
        Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new()
        {
            Result = Payloads(result),
            ScheduledEventId = scheduledId,
            StartedEventId = startedId,
            Identity = Identity,
        });
    }

    /// <summary>The activity's last attempt failed and Temporal gave up.</summary>
    public void ActivityFailed(long scheduledId, Failure failure, int attempt)
    {
        var startedId = ActivityStarted(scheduledId, attempt, lastFailure: null);
        Add(EventType.ActivityTaskFailed, e => e.ActivityTaskFailedEventAttributes = new()
        {
            Failure = failure,
            ScheduledEventId = scheduledId,
            StartedEventId = startedId,
            Identity = Identity,
            RetryState = RetryState.MaximumAttemptsReached,
        });
    }

    public void ContinuedAsNew(AgentSessionInput input, long workflowTaskCompletedId) =>
        Add(EventType.WorkflowExecutionContinuedAsNew, e => e.WorkflowExecutionContinuedAsNewEventAttributes = new()
        {
            NewExecutionRunId = "run-2",
            WorkflowType = new WorkflowType { Name = AgentWorkflow.Name },
            TaskQueue = new TaskQueue { Name = TaskQueueName, Kind = TaskQueueKind.Normal },
            Input = Payloads(input),
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            WorkflowTaskCompletedEventId = workflowTaskCompletedId,
            Initiator = ContinueAsNewInitiator.Workflow,
        });

    public static Failure ApplicationFailure(string message, string type, bool nonRetryable) => new()
    {
        Message = message,
        Source = "DotNetSDK",
        ApplicationFailureInfo = new ApplicationFailureInfo { Type = type, NonRetryable = nonRetryable },
    };

    public WorkflowHistory Build(string workflowId) => new(workflowId, _events.ToArray());

    private long ActivityStarted(long scheduledId, int attempt, Failure? lastFailure)
    {
        Add(EventType.ActivityTaskStarted, e =>
        {
            e.ActivityTaskStartedEventAttributes = new()
            {
                ScheduledEventId = scheduledId,
                Identity = Identity,
                RequestId = Guid.NewGuid().ToString(),
                Attempt = attempt,
            };
            if (lastFailure is not null) e.ActivityTaskStartedEventAttributes.LastFailure = lastFailure;
        });
        return LastEventId;
    }

    private WorkflowTaskCompletedMetadata FirstFlags()
    {
        var metadata = new WorkflowTaskCompletedMetadata();
        if (!_flagsWritten)
        {
            metadata.CoreUsedFlags.Add([1, 2, 3]);
            _flagsWritten = true;
        }
        return metadata;
    }

    private Payloads Payloads(object value) => new() { Payloads_ = { _converter.ToPayload(value) } };

    private void Add(EventType type, Action<HistoryEvent> fill)
    {
        var e = new HistoryEvent
        {
            EventId = _events.Count + 1,
            EventTime = Timestamp.FromDateTime(_now),
            EventType = type,
            TaskId = 1_048_576 + _events.Count,
        };
        fill(e);
        _events.Add(e);
        _now += TimeSpan.FromMilliseconds(1);
    }
}
