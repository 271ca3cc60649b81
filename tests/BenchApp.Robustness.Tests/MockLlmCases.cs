using System.Text;

namespace BenchApp.Robustness.Tests;

/// <summary>
/// Bad input for the mock LLM (docs/mock-llm.md "Bad input" and "Admin API"): 400 in the provider's error
/// shape (never a 500) for the completion endpoints, problem+json naming the field for the admin config.
/// <see cref="BadInputCase.Field"/> is a text the error's param/message must contain.
/// </summary>
public static class MockLlmCases
{
    public const string OpenAiPath = "v1/chat/completions";
    public const string AnthropicPath = "v1/messages";
    public const string GeminiPath = "v1beta/models/bench-model:generateContent";
    public const string AdminConfigPath = "admin/config";

    private const string OpenAiOk = """{"model":"bench-model","messages":[{"role":"user","content":"#bench reply_tokens=2"}]}""";
    private const string AnthropicOk = """{"model":"bench-model","max_tokens":64,"messages":[{"role":"user","content":"#bench reply_tokens=2"}]}""";

    /// <summary>Cases both provider shapes share; <paramref name="ok"/> is a valid request of that provider.</summary>
    private static IEnumerable<BadInputCase> Common(string ok, string model, bool anthropic)
    {
        yield return BadInputCase.Text("malformed-json", "an object cut short", ok[..^3], 400);
        yield return BadInputCase.Text("empty-body", "zero bytes", "", 400);
        yield return BadInputCase.Text("json-array", "an array", $"[{ok}]", 400);
        yield return BadInputCase.Text("json-null", "null", "null", 400);
        yield return BadInputCase.Text("messages-missing", "no messages", "{" + model + "}", 400, "messages");
        yield return BadInputCase.Text("messages-empty", "messages: []", $$"""{{{model}}, "messages":[]}""", 400, "messages");
        yield return BadInputCase.Text("messages-object", "messages: {}", "{" + model + """, "messages":{}}""", 400, "messages");
        yield return BadInputCase.Text("role-unknown", "role: wizard", $$"""{{{model}}, "messages":[{"role":"wizard","content":"hi"}]}""", 400, "role");
        yield return BadInputCase.Text("role-number", "role: 7", $$"""{{{model}}, "messages":[{"role":7,"content":"hi"}]}""", 400, "role");
        yield return BadInputCase.Text("content-number", "content: 42", $$"""{{{model}}, "messages":[{"role":"user","content":42}]}""", 400, "content");
        yield return BadInputCase.Text("message-not-object", "messages: [\"hi\"]", $$"""{{{model}}, "messages":["hi"]}""", 400, "messages");
        yield return BadInputCase.Text("deep-nesting", "an unknown field nested 10,000 deep", ok[..^1] + $$""","pad":{{BadInputCase.Nested(10_000)}}}""", 400);
        yield return BadInputCase.Text("body-over-8mib", "a 9 MiB body", ok[..^1] + $$""","pad":"{{new string('x', 9 << 20)}}"}""", 400);
        yield return BadInputCase.Bytes("non-utf8", "bytes 0xFF 0xFE in the content",
            BadInputCase.Splice(ok[..ok.IndexOf("#bench", StringComparison.Ordinal)], [0xFF, 0xFE], ok[ok.IndexOf("#bench", StringComparison.Ordinal)..]), 400);
        yield return BadInputCase.Text("lone-surrogate", "\\ud800 in the content", ok.Replace("#bench", "\\ud800 #bench", StringComparison.Ordinal), 400);
        yield return BadInputCase.Text("directive-malformed", "#bench tool_calls=lots", ok.Replace("reply_tokens=2", "tool_calls=lots", StringComparison.Ordinal), 400, "tool_calls");
        yield return BadInputCase.Text("directive-out-of-range", "#bench reply_tokens=0", ok.Replace("reply_tokens=2", "reply_tokens=0", StringComparison.Ordinal), 400, "reply_tokens");
        yield return BadInputCase.Text("ok-directive-without-tools", "tool_calls=1 but no tools offered: the final answer, as a model gives", ok.Replace("reply_tokens=2", "tool_calls=1", StringComparison.Ordinal), 200);
        yield return BadInputCase.Text("ok-text-plain", "a valid body as text/plain: the mock reads JSON whatever the Content-Type", ok, 200, contentType: "text/plain");
        yield return new("get-completions", "GET on a completion path", [], null, 405, 405, Method: "GET");
        yield return BadInputCase.Text("ok-control-chars", "control characters in content are fine for an LLM", ok.Replace("#bench", "\\u0001\\u001b #bench", StringComparison.Ordinal), 200);
        yield return BadInputCase.Text("ok-unknown-fields", "unknown fields and nulls are accepted", ok[..^1] + ""","temperature":null,"frobnicate":{"a":1}}""", 200);
    }

    public static readonly IReadOnlyList<BadInputCase> OpenAi =
    [
        .. Common(OpenAiOk, "\"model\":\"bench-model\"", anthropic: false),
        BadInputCase.Text("tools-not-array", "tools: \"all\"", OpenAiOk[..^1] + ""","tools":"all"}""", 400, "tools"),
        BadInputCase.Text("content-part-type-number", "content: [{type: 5}]", """{"model":"bench-model","messages":[{"role":"user","content":[{"type":5,"text":"hi"}]}]}""", 400, "type"),
        BadInputCase.Text("tool-choice-number", "tool_choice: 5", OpenAiOk[..^1] + ""","tool_choice":5}""", 400, "tool_choice"),
        BadInputCase.Text("ok", "a valid request", OpenAiOk, 200),
    ];

    public static readonly IReadOnlyList<BadInputCase> Anthropic =
    [
        .. Common(AnthropicOk, "\"model\":\"bench-model\",\"max_tokens\":64", anthropic: true),
        BadInputCase.Text("content-block-type-number", "content: [{type: 5}]",
            """{"model":"bench-model","max_tokens":64,"messages":[{"role":"user","content":[{"type":5,"text":"hi"}]}]}""", 400, "type"),
        BadInputCase.Text("tool-choice-type-number", "tool_choice: {type: 5}", AnthropicOk[..^1] + ""","tool_choice":{"type":5}}""", 400, "tool_choice"),
        BadInputCase.Text("max-tokens-string", "max_tokens: \"many\"", AnthropicOk.Replace("64", "\"many\"", StringComparison.Ordinal), 400, "max_tokens"),
        BadInputCase.Text("ok", "a valid request", AnthropicOk, 200),
    ];

    private const string GeminiOk = """{"contents":[{"role":"user","parts":[{"text":"#bench reply_tokens=2"}]}]}""";

    /// <summary>Gemini generateContent: 400 INVALID_ARGUMENT in Google's error shape, the field in the message and a BadRequest field violation.</summary>
    public static readonly IReadOnlyList<BadInputCase> Gemini =
    [
        BadInputCase.Text("malformed-json", "an object cut short", GeminiOk[..^3], 400),
        BadInputCase.Text("empty-body", "zero bytes", "", 400),
        BadInputCase.Text("json-array", "an array", $"[{GeminiOk}]", 400),
        BadInputCase.Text("json-null", "null", "null", 400),
        BadInputCase.Text("contents-missing", "no contents", """{"generationConfig":{}}""", 400, "contents"),
        BadInputCase.Text("contents-empty", "contents: []", """{"contents":[]}""", 400, "contents"),
        BadInputCase.Text("contents-object", "contents: {}", """{"contents":{}}""", 400, "contents"),
        BadInputCase.Text("role-unknown", "role: wizard", """{"contents":[{"role":"wizard","parts":[{"text":"hi"}]}]}""", 400, "role"),
        BadInputCase.Text("role-number", "role: 7", """{"contents":[{"role":7,"parts":[{"text":"hi"}]}]}""", 400, "role"),
        BadInputCase.Text("parts-missing", "a content without parts", """{"contents":[{"role":"user"}]}""", 400, "parts"),
        BadInputCase.Text("part-empty", "a part with no data", """{"contents":[{"role":"user","parts":[{}]}]}""", 400, "parts[0]"),
        BadInputCase.Text("text-number", "text: 42", """{"contents":[{"role":"user","parts":[{"text":42}]}]}""", 400, "text"),
        BadInputCase.Text("function-call-nameless", "functionCall without a name", """{"contents":[{"role":"model","parts":[{"functionCall":{"args":{}}}]}]}""", 400, "functionCall.name"),
        BadInputCase.Text("function-response-string", "functionResponse.response: \"ok\"", """{"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":"ok"}}]}]}""", 400, "functionResponse.response"),
        BadInputCase.Text("declaration-nameless", "a function declaration without a name", """{"contents":[{"parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{}]}]}""", 400, "functionDeclarations[0].name"),
        BadInputCase.Text("max-output-tokens-string", "generationConfig.maxOutputTokens: \"many\"", """{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":"many"}}""", 400, "maxOutputTokens"),
        BadInputCase.Text("deep-nesting", "an unknown field nested 10,000 deep", GeminiOk[..^1] + $$""","pad":{{BadInputCase.Nested(10_000)}}}""", 400),
        BadInputCase.Text("body-over-8mib", "a 9 MiB body", GeminiOk[..^1] + $$""","pad":"{{new string('x', 9 << 20)}}"}""", 400),
        BadInputCase.Bytes("non-utf8", "bytes 0xFF 0xFE in the text",
            BadInputCase.Splice(GeminiOk[..GeminiOk.IndexOf("#bench", StringComparison.Ordinal)], [0xFF, 0xFE], GeminiOk[GeminiOk.IndexOf("#bench", StringComparison.Ordinal)..]), 400),
        BadInputCase.Text("lone-surrogate", "\\ud800 in the text", GeminiOk.Replace("#bench", "\\ud800 #bench", StringComparison.Ordinal), 400),
        BadInputCase.Text("directive-malformed", "#bench tool_calls=lots", GeminiOk.Replace("reply_tokens=2", "tool_calls=lots", StringComparison.Ordinal), 400, "tool_calls"),
        BadInputCase.Text("ok-directive-without-tools", "tool_calls=1 but no tools: the final answer", GeminiOk.Replace("reply_tokens=2", "tool_calls=1", StringComparison.Ordinal), 200),
        BadInputCase.Text("ok-text-plain", "a valid body as text/plain", GeminiOk, 200, contentType: "text/plain"),
        new("get-generate", "GET on generateContent", [], null, 405, 405, Method: "GET"),
        BadInputCase.Text("ok-unknown-fields", "unknown fields, snake_case names and nulls are accepted", GeminiOk[..^1] + ""","safety_settings":null,"frobnicate":{"a":1}}""", 200),
        BadInputCase.Text("ok", "a valid request", GeminiOk, 200),
    ];

    /// <summary>PUT /admin/config: problem+json with <c>errors</c> keyed by the field; a refused PUT changes nothing.</summary>
    public static readonly IReadOnlyList<BadInputCase> AdminConfig =
    [
        BadInputCase.Text("malformed-json", "an object cut short", """{"latency":{"ttft_ms":5}""", 400),
        BadInputCase.Text("json-array", "an array", "[]", 400),
        BadInputCase.Text("ttft-negative", "latency.ttft_ms: -5", """{"latency":{"ttft_ms":-5}}""", 400, "latency.ttft_ms"),
        BadInputCase.Text("ttft-too-big", "latency.ttft_ms: 600001", """{"latency":{"ttft_ms":600001}}""", 400, "latency.ttft_ms"),
        BadInputCase.Text("ttft-string", "latency.ttft_ms: \"fast\"", """{"latency":{"ttft_ms":"fast"}}""", 400, "latency.ttft_ms"),
        BadInputCase.Text("sigma-too-big", "latency.jitter.sigma: 6", """{"latency":{"jitter":{"distribution":"lognormal","sigma":6}}}""", 400, "latency.jitter.sigma"),
        BadInputCase.Text("distribution-unknown", "latency.jitter.distribution: cauchy", """{"latency":{"jitter":{"distribution":"cauchy"}}}""", 400, "latency.jitter.distribution"),
        BadInputCase.Text("rate-over-1", "faults.error_rate: 1.5", """{"faults":{"error_rate":1.5}}""", 400, "faults.error_rate"),
        BadInputCase.Text("rates-sum-over-1", "error_rate 0.6 + rate_limit_rate 0.6", """{"faults":{"error_rate":0.6,"rate_limit_rate":0.6}}""", 400, "faults"),
        BadInputCase.Text("unknown-field", "latency.warp: 9", """{"latency":{"warp":9}}""", 400, "warp"),
        BadInputCase.Bytes("non-utf8", "0xFF in a string", BadInputCase.Splice("""{"latency":{"jitter":{"distribution":"n""", [0xFF], "\"}}}"), 400),
        BadInputCase.Text("seed-fraction", "seed: 1.5", """{"seed":1.5}""", 400, "seed"),
    ];

    public static TheoryData<string> OpenAiNames() => new(OpenAi.Select(c => c.Name));
    public static TheoryData<string> AnthropicNames() => new(Anthropic.Select(c => c.Name));
    public static TheoryData<string> GeminiNames() => new(Gemini.Select(c => c.Name));
    public static TheoryData<string> AdminConfigNames() => new(AdminConfig.Select(c => c.Name));
}
