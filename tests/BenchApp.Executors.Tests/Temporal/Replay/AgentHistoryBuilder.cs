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
/// workflow tasks, update protocol events, activities and their results, timers, continue-as-new. Payloads are made
/// with the executor's converter (<see cref="AgentPayloads"/>), exactly as its worker and client encode them. The
/// first workflow task records what a real .NET worker records there: core flags 1-3 (sdk-core internal_flags.rs),
/// lang flag 2 (the SDK's modern event loop, WorkflowInstance in Temporalio 1.21.1) and the SDK's name and version,
/// so replay runs the code path a live worker runs.
/// </summary>
internal sealed class AgentHistoryBuilder
{
    public const string TaskQueueName = "benchapp-agent";
    private const string Identity = "replay-test@localhost";

    private readonly List<HistoryEvent> _events = [];
    private readonly IPayloadConverter _converter = AgentPayloads.Converter.PayloadConverter;
    private DateTime _now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime Now => _now;
    private int _activitySeq;
    private int _timerSeq;
    private bool _flagsWritten;

    public long LastEventId => _events.Count;

    /// <summary>The Temporalio version the worker reports as its SDK version (the client version of its connection).</summary>
    public static readonly string ExecutorInfoVersion = BenchApp.Executors.Api.ExecutorInfoFactory.VersionOf(typeof(Temporalio.Client.ITemporalClient));

    /// <summary>The history size the server reports at the workflow task started as event <paramref name="eventId"/> (a stand-in: 100 bytes an event).</summary>
    public static long HistorySizeAt(long eventId) => 100 * eventId;

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
            HistorySizeBytes = HistorySizeAt(LastEventId + 1),
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

    public long UpdateAccepted(string updateId, TurnRequest turn, long sequencingEventId, string? traceParent = null)
    {
        var header = new Header();
        if (traceParent is not null) header.Fields[TemporalTracingInterceptor.HeaderName] = DataConverter.Default.PayloadConverter.ToPayload(traceParent);
        Add(EventType.WorkflowExecutionUpdateAccepted, e => e.WorkflowExecutionUpdateAcceptedEventAttributes = new()
        {
            ProtocolInstanceId = updateId,
            AcceptedRequestMessageId = updateId + "/request",
            AcceptedRequestSequencingEventId = sequencingEventId,
            AcceptedRequest = new Request
            {
                Meta = new Meta { UpdateId = updateId, Identity = Identity },
                Input = new Input { Name = "RunTurn", Args = Payloads(turn), Header = header },
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
    public long ActivityScheduled(string activityType, object input, long workflowTaskCompletedId, TimeSpan? scheduleToClose = null)
    {
        var seq = ++_activitySeq;
        Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new()
        {
            ActivityId = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ActivityType = new ActivityType { Name = activityType },
            TaskQueue = new TaskQueue { Name = TaskQueueName, Kind = TaskQueueKind.Normal },
            Input = Payloads(input),
            ScheduleToCloseTimeout = Duration.FromTimeSpan(scheduleToClose ?? TimeSpan.FromMinutes(2)),
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
            HeartbeatTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
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

    /// <summary>The activity's deadline passed (ScheduleToClose): the server records this, not a late result.</summary>
    public void ActivityTimedOut(long scheduledId, TimeoutType timeoutType, RetryState retryState, int attempt, Failure? lastFailure = null)
    {
        var startedId = ActivityStarted(scheduledId, attempt, lastFailure);
        Add(EventType.ActivityTaskTimedOut, e => e.ActivityTaskTimedOutEventAttributes = new()
        {
            Failure = new Failure
            {
                Message = $"activity {timeoutType} timeout",
                Source = "Server",
                TimeoutFailureInfo = new TimeoutFailureInfo { TimeoutType = timeoutType },
                Cause = lastFailure,
            },
            ScheduledEventId = scheduledId,
            StartedEventId = startedId,
            RetryState = retryState,
        });
    }

    /// <summary>A timer started by the workflow task completed at <paramref name="workflowTaskCompletedId"/>; returns its event id.</summary>
    public long TimerStarted(TimeSpan duration, long workflowTaskCompletedId)
    {
        var id = (++_timerSeq).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Add(EventType.TimerStarted, e => e.TimerStartedEventAttributes = new()
        {
            TimerId = id,
            StartToFireTimeout = Duration.FromTimeSpan(duration),
            WorkflowTaskCompletedEventId = workflowTaskCompletedId,
        });
        return LastEventId;
    }

    public void TimerFired(long startedId) =>
        Add(EventType.TimerFired, e => e.TimerFiredEventAttributes = new()
        {
            TimerId = _events[(int)startedId - 1].TimerStartedEventAttributes.TimerId,
            StartedEventId = startedId,
        });

    public void TimerCanceled(long startedId, long workflowTaskCompletedId) =>
        Add(EventType.TimerCanceled, e => e.TimerCanceledEventAttributes = new()
        {
            TimerId = _events[(int)startedId - 1].TimerStartedEventAttributes.TimerId,
            StartedEventId = startedId,
            WorkflowTaskCompletedEventId = workflowTaskCompletedId,
            Identity = Identity,
        });

    public void Completed(long workflowTaskCompletedId) =>
        Add(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new()
        {
            WorkflowTaskCompletedEventId = workflowTaskCompletedId,
        });

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
            metadata.LangUsedFlags.Add(2);
            metadata.SdkName = "temporal-dotnet";
            metadata.SdkVersion = ExecutorInfoVersion;
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
