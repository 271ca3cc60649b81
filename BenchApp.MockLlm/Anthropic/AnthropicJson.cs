using System.Text.Json;

namespace BenchApp.MockLlm.Anthropic;

/// <summary>Pre-encoded property names of Anthropic's reply shapes.</summary>
internal static class AnthropicJson
{
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText TypeKey = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");
    public static readonly JsonEncodedText StopReason = JsonEncodedText.Encode("stop_reason");
    public static readonly JsonEncodedText StopSequence = JsonEncodedText.Encode("stop_sequence");
    public static readonly JsonEncodedText Usage = JsonEncodedText.Encode("usage");
    public static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("input_tokens");
    public static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("output_tokens");
    public static readonly JsonEncodedText CacheCreationInputTokens = JsonEncodedText.Encode("cache_creation_input_tokens");
    public static readonly JsonEncodedText CacheReadInputTokens = JsonEncodedText.Encode("cache_read_input_tokens");
    public static readonly JsonEncodedText ServiceTier = JsonEncodedText.Encode("service_tier");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText IndexKey = JsonEncodedText.Encode("index");
    public static readonly JsonEncodedText ContentBlock = JsonEncodedText.Encode("content_block");
    public static readonly JsonEncodedText Delta = JsonEncodedText.Encode("delta");
    public static readonly JsonEncodedText PartialJson = JsonEncodedText.Encode("partial_json");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
}
