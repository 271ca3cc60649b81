using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BenchApp.Executors.Agent;

/// <summary>
/// Spans and metrics with the OpenTelemetry GenAI names: <c>invoke_agent {agent}</c> for a run, <c>chat {model}</c>
/// for each LLM call, <c>execute_tool {tool}</c> for each tool call. Service defaults export every <c>BenchApp.*</c> source.
/// </summary>
public static class AgentTelemetry
{
    public const string SourceName = "BenchApp.Executors";

    public static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of GenAI client operations (LLM calls, retries included).");

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens the LLM reported, by gen_ai.token.type.");

    public static Activity? StartRun(string agentName, string sessionId)
    {
        var activity = Source.StartActivity($"invoke_agent {agentName}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "invoke_agent");
            activity.SetTag("gen_ai.agent.name", agentName);
            activity.SetTag("gen_ai.conversation.id", sessionId);
        }
        return activity;
    }

    public static Activity? StartChat(string model, ActivityContext parent = default)
    {
        var activity = Source.StartActivity($"chat {model}", ActivityKind.Client, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.provider.name", "openai");
            activity.SetTag("gen_ai.request.model", model);
        }
        return activity;
    }

    public static Activity? StartTool(ToolCall call, ActivityContext parent = default)
    {
        var activity = Source.StartActivity($"execute_tool {call.Name}", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "execute_tool");
            activity.SetTag("gen_ai.tool.name", call.Name);
            activity.SetTag("gen_ai.tool.call.id", call.Id);
        }
        return activity;
    }

    public static void RecordChat(Activity? activity, string model, double elapsedMs, long inputTokens, long outputTokens, string? errorType)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.usage.input_tokens", inputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", outputTokens);
            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
        if (OperationDuration.Enabled)
        {
            var tags = new TagList { { "gen_ai.operation.name", "chat" }, { "gen_ai.request.model", model } };
            if (errorType is not null) tags.Add("error.type", errorType);
            OperationDuration.Record(elapsedMs / 1000, tags);
        }
        if (TokenUsage.Enabled && errorType is null)
        {
            TokenUsage.Record(inputTokens, new TagList { { "gen_ai.operation.name", "chat" }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "input" } });
            TokenUsage.Record(outputTokens, new TagList { { "gen_ai.operation.name", "chat" }, { "gen_ai.request.model", model }, { "gen_ai.token.type", "output" } });
        }
    }

    /// <summary>The W3C traceparent of the current span, to carry the trace into Temporal activities.</summary>
    public static string? CurrentTraceParent() => Activity.Current?.Id;

    public static ActivityContext ParseTraceParent(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
