namespace BenchApp.Contracts.MockLlm;

/// <summary>Paths and headers of the mock LLM, for the load driver and tests.</summary>
public static class MockLlmApi
{
    public const string ModelName = "bench-model";

    public const string ChatCompletionsPath = "/v1/chat/completions";
    public const string ModelsPath = "/v1/models";
    public const string MessagesPath = "/v1/messages";

    public const string ConfigPath = "/admin/config";
    public const string FailNextPath = "/admin/faults/fail-next";
    public const string StatsPath = "/admin/stats";
    public const string StatsResetPath = "/admin/stats/reset";
    public const string RunsPath = "/admin/runs";

    /// <summary>On every /v1 reply: the latency the mock deliberately waited, ms, invariant decimal.</summary>
    public const string WaitHeader = "x-mock-wait-ms";

    /// <summary>On every /v1 reply: the mock's own processing time (handler start to reply ready, wait excluded), ms.</summary>
    public const string ProcessingHeader = "x-mock-processing-ms";
}
