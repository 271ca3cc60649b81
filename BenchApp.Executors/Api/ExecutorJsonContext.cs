using System.Text.Json.Serialization;
using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Api;

/// <summary>
/// The contract's JSON (snake_case, nulls left out, like <c>ContractJson.Options</c>) generated at compile time,
/// so writing a response costs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(ExecutorInfo))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ExecutorJsonContext : JsonSerializerContext;
