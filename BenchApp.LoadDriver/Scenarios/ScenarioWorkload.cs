using System.Diagnostics;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Measurement;

namespace BenchApp.LoadDriver.Scenarios;

/// <summary>
/// One iteration of a scenario against one executor: its turns on one session, each checked against the
/// directive and, when measured, recorded (with its own <c>run=</c> id) into the sink and the live metric.
/// A failed turn ends the conversation: later turns would only measure the failure again.
/// </summary>
public sealed class ScenarioWorkload(
    ScenarioDefinition scenario, ExecutorClient client, RunIds runIds, DriverMetrics metrics, string executor)
{
    public async Task RunAsync(SampleSink? sink, long intendedStart, CancellationToken cancellationToken)
    {
        string? session = null;
        for (var turn = 0; turn < scenario.Turns; turn++)
        {
            var runId = sink is null ? null : runIds.Next();
            var message = runId is null ? scenario.Directive.ToMessage($"Warm-up of {scenario.Name}.") : scenario.MessageFor(runId, turn);
            var attempt = await client.SendAsync(
                new RunRequest { Message = message, SessionId = session, MaxIterations = scenario.MaxIterations }, cancellationToken).ConfigureAwait(false);
            if (attempt.Cancelled) return;

            var error = attempt.Error;
            var detail = attempt.Detail;
            if (error == ErrorKind.None && ReplyCheck.Problem(scenario, attempt.Response!, session) is { } problem)
            {
                error = ErrorKind.WrongAnswer;
                detail = problem;
            }

            if (sink is not null)
            {
                // Only the first turn of an open-loop iteration has an intended start; later turns follow the reply.
                var delay = turn == 0 && intendedStart > 0
                    ? Math.Max(0, attempt.StartTimestamp - intendedStart) * 1000.0 / Stopwatch.Frequency
                    : 0;
                var reply = attempt.Response;
                sink.Add(new RequestSample
                {
                    RunId = runId,
                    Turn = turn,
                    LatencyMs = attempt.LatencyMs,
                    ScheduleDelayMs = delay,
                    Error = error,
                    StatusCode = attempt.StatusCode,
                    Detail = detail,
                    LlmCalls = reply?.LlmCalls ?? 0,
                    ServerTotalMs = reply?.TimingsMs.Total ?? 0,
                    ServerLlmMs = reply?.TimingsMs.Llm ?? 0,
                    ServerToolMs = reply?.TimingsMs.Tool ?? 0,
                    ServerStateMs = reply?.TimingsMs.State ?? 0,
                });
                metrics.RecordRun(executor, scenario.Name, (attempt.LatencyMs + delay) / 1000.0, error);
            }

            if (error != ErrorKind.None) return;
            session = attempt.Response!.SessionId;
        }
    }
}
