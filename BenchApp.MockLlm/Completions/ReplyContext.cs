using BenchApp.MockLlm.Latency;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Completions;

/// <summary>Everything a protocol needs to write one successful reply.</summary>
public sealed record ReplyContext(ChatRequest Request, ReplyPlan Plan, LatencyPlan Latency, string ResponseId, long CreatedUnixSeconds);
