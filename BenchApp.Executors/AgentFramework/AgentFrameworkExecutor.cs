using System.Diagnostics;
using System.Text.Json;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Agent;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using BenchApp.Executors.Api;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// A turn on Microsoft Agent Framework: deserialize the session's <see cref="AgentSession"/> from Redis (a new one for a
/// new session), <see cref="AIAgent.RunAsync(string, AgentSession?, AgentRunOptions?, CancellationToken)"/> the user
/// message on it (the agent's <c>InMemoryChatHistoryProvider</c> keeps the history in the session's state and its
/// <c>FunctionInvokingChatClient</c> runs the tool loop), serialize the session back once. Not durable.
/// </summary>
public sealed class AgentFrameworkExecutor(AIAgent agent, RedisSessionStore store, ExecutorInfo info) : IAgentExecutor
{
    public ExecutorInfo Info { get; } = info;

    public async Task<RunResponse> RunAsync(ValidRunRequest request, long startedAt, CancellationToken cancellationToken)
    {
        var sessionId = request.SessionId ?? SessionIds.New();
        var stateMs = 0.0;

        AgentSession session;
        if (request.SessionId is null)
        {
            session = await agent.CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var loadStarted = Stopwatch.GetTimestamp();
            var stored = await store.LoadAsync(sessionId, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException(sessionId);
            using var json = JsonDocument.Parse(stored);
            session = await agent.DeserializeSessionAsync(json.RootElement, cancellationToken: cancellationToken).ConfigureAwait(false);
            stateMs += Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;
        }

        var turn = new AgentTurn(request.MaxIterations);
        var options = new AgentRunOptions { AdditionalProperties = turn.ToAdditionalProperties() };
        Activity.Current?.SetTag("gen_ai.conversation.id", sessionId);
        var response = await agent.RunAsync(request.Message, session, options, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var saveStarted = Stopwatch.GetTimestamp();
        var serialized = Utf8(await agent.SerializeSessionAsync(session, cancellationToken: cancellationToken).ConfigureAwait(false));
        await store.SaveAsync(sessionId, serialized, cancellationToken).ConfigureAwait(false);
        stateMs += Stopwatch.GetElapsedTime(saveStarted).TotalMilliseconds;

        var result = new TurnResult(
            LastAssistantText(response.Messages),
            turn.CutAtLimit ? StopReasons.MaxIterations : StopReasons.Completed,
            turn.LlmCalls,
            turn.LlmCalls,
            turn.ToolCalls,
            // The framework's sum: FunctionInvokingChatClient adds each call's UsageDetails into the response's.
            response.Usage?.InputTokenCount ?? turn.InputTokens,
            response.Usage?.OutputTokenCount ?? turn.OutputTokens,
            turn.LlmMs,
            turn.ToolMs);
        // The whole session is rewritten each turn: what the turn wrote is what is stored.
        return RunResponses.Create(sessionId, result, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, stateMs,
            new StateBytes(serialized.Length, serialized.Length));
    }

    /// <summary>The final answer, or the last assistant text of the turn when max_iterations cut it ("" when there was none).</summary>
    internal static string LastAssistantText(IList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.Assistant && messages[i].Text is { Length: > 0 } text) return text;
        }
        return "";
    }

    private static byte[] Utf8(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer)) element.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
