using System.Text.Json;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// What /v1/info reports under <c>settings</c>: every Agent Framework, Microsoft.Extensions.AI and OpenAI SDK setting
/// that changes the work, as this executor sets it (<see cref="AgentFrameworkServiceExtensions"/> applies the same values).
/// </summary>
public static class AgentFrameworkSettings
{
    /// <summary>FunctionInvokingChatClient's own cap (tool rounds per request); never reached, the run's max_iterations ends the loop first.</summary>
    public const int MaximumIterationsPerRequest = BenchApp.Contracts.Runs.ContractLimits.MaxIterations;

    /// <summary>The contract lets one reply's tool calls run concurrently, and the other executors do.</summary>
    public const bool AllowConcurrentInvocation = true;

    /// <summary>FunctionInvokingChatClient's default, stated: a tool round whose calls all threw counts as an error.</summary>
    public const int MaximumConsecutiveErrorsPerRequest = 3;

    public static IReadOnlyDictionary<string, JsonElement> Create(ExecutorOptions options)
    {
        var llm = options.Llm;
        var settings = new Dictionary<string, JsonElement>
        {
            ["agent"] = Json("ChatClientAgent over OpenAI ChatClient.AsIChatClient() (chat completions, not streaming)"),
            ["max_iterations"] = Json("per run: FunctionInvocationContext.Terminate after the tools of LLM call number max_iterations"),
            ["function_invocation_maximum_iterations_per_request"] = Json(MaximumIterationsPerRequest),
            ["function_invocation_allow_concurrent_invocation"] = Json(AllowConcurrentInvocation),
            ["function_invocation_maximum_consecutive_errors_per_request"] = Json(MaximumConsecutiveErrorsPerRequest),
            ["function_invocation_include_detailed_errors"] = Json(false),
            ["function_invocation_terminate_on_unknown_calls"] = Json(false),
            ["parallel_tool_calls"] = Json(AllowConcurrentInvocation),
            ["chat_options_allow_multiple_tool_calls"] = Json("unset (parallel_tool_calls not sent)"),
            ["approval_response_binding"] = Json(true),
            ["approval_not_required_function_bypassing"] = Json(true),
            ["per_service_call_chat_history_persistence"] = Json(false),
            ["chat_history_provider"] = Json("InMemoryChatHistoryProvider (session state bag), no reducer"),
            ["session_serialization"] = Json("AIAgent.SerializeSessionAsync, one Redis SET EX per turn"),
            ["session_ttl_s"] = Json(options.Redis.SessionTtl.TotalSeconds),
            ["state_store_timeout_s"] = Json(options.StateStoreTimeout.TotalSeconds),
            ["run_timeout_s"] = Json(options.RunTimeout.TotalSeconds),
            ["llm_retry_policy"] = Json("System.ClientModel ClientRetryPolicy: 408, 429, 500, 502, 503, 504, network errors and timeouts"),
            ["llm_max_attempts"] = Json(llm.MaxAttempts),
            ["llm_initial_backoff_s"] = Json(llm.InitialBackoff.TotalSeconds),
            ["llm_backoff_coefficient"] = Json(llm.BackoffCoefficient),
            ["llm_max_backoff_s"] = Json(llm.MaxBackoff.TotalSeconds),
            ["llm_attempt_timeout_s"] = Json(llm.AttemptTimeout.TotalSeconds),
            ["telemetry"] = Json("OpenTelemetryAgent (invoke_agent, execute_tool) + OpenTelemetryChatClient below FICC (chat, gen_ai metrics)"),
            ["telemetry_sensitive_data"] = Json(false),
        };
        return settings;
    }

    private static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value, SettingsJsonContext.Default.String);
    private static JsonElement Json(double value) => JsonSerializer.SerializeToElement(value, SettingsJsonContext.Default.Double);
    private static JsonElement Json(int value) => JsonSerializer.SerializeToElement(value, SettingsJsonContext.Default.Int32);
    private static JsonElement Json(bool value) => JsonSerializer.SerializeToElement(value, SettingsJsonContext.Default.Boolean);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
internal sealed partial class SettingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
