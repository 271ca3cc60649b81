using System.Diagnostics;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Api;
using Microsoft.Extensions.Options;

namespace BenchApp.Executors.InProc;

/// <summary>
/// The agent loop in plain .NET, no engine: load the history from Redis (not for a new session), run the loop,
/// write the history back once. Not durable: a crash mid-turn loses the turn.
/// </summary>
public sealed class InProcAgentExecutor(RedisHistoryStore store, InProcAgentEffects effects, IOptions<ExecutorOptions> options) : IAgentExecutor
{
    public ExecutorInfo Info { get; } = ExecutorInfoFactory.Create(options.Value.ResourceName, "none", "-", durable: false, stateStore: "redis");

    private readonly string _name = options.Value.ResourceName;

    public async Task<RunResponse> RunAsync(ValidRunRequest request, long startedAt, CancellationToken cancellationToken)
    {
        var sessionId = request.SessionId ?? SessionIds.New();
        using var span = AgentTelemetry.StartRun(_name, sessionId);

        var stateMs = 0.0;
        List<ChatMessage> history;
        if (request.SessionId is null)
        {
            history = new List<ChatMessage>(8);
        }
        else
        {
            var loadStarted = Stopwatch.GetTimestamp();
            history = await store.LoadAsync(sessionId, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException(sessionId);
            stateMs += Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;
        }

        history.Add(ChatMessage.User(request.Message));
        var result = await AgentLoop.RunAsync(history, request.MaxIterations, effects, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var saveStarted = Stopwatch.GetTimestamp();
        var written = await store.SaveAsync(sessionId, history, cancellationToken).ConfigureAwait(false);
        stateMs += Stopwatch.GetElapsedTime(saveStarted).TotalMilliseconds;

        // One SET of the whole history per turn: the turn writes the session's full stored size.
        return RunResponses.Create(sessionId, result, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, stateMs, new StateBytes(written, written));
    }
}
