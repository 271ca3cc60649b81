using System.Text.Json;
using System.Text.Json.Serialization;
using BenchApp.Contracts.Runs;

namespace BenchApp.Contracts.MockLlm;

/// <summary>
/// Source-generated JSON for the admin API: snake_case, strict numbers, unknown fields rejected so a typo
/// in a scenario's config is an error rather than a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MockLlmConfig))]
[JsonSerializable(typeof(FailNextRequest))]
[JsonSerializable(typeof(MockLlmStats))]
[JsonSerializable(typeof(RunStats))]
[JsonSerializable(typeof(RunStatsList))]
[JsonSerializable(typeof(ProblemBody))]
public sealed partial class MockLlmJsonContext : JsonSerializerContext;
