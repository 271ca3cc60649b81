using System.Text.Json;

namespace BenchApp.MockLlm.Gemini;

/// <summary>Pre-encoded property names of Gemini's reply shapes (proto JSON, lowerCamelCase).</summary>
internal static class GeminiJson
{
    public static readonly JsonEncodedText Candidates = JsonEncodedText.Encode("candidates");
    public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    public static readonly JsonEncodedText Parts = JsonEncodedText.Encode("parts");
    public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText FunctionCall = JsonEncodedText.Encode("functionCall");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Args = JsonEncodedText.Encode("args");
    public static readonly JsonEncodedText FinishReason = JsonEncodedText.Encode("finishReason");
    public static readonly JsonEncodedText IndexKey = JsonEncodedText.Encode("index");
    public static readonly JsonEncodedText UsageMetadata = JsonEncodedText.Encode("usageMetadata");
    public static readonly JsonEncodedText PromptTokenCount = JsonEncodedText.Encode("promptTokenCount");
    public static readonly JsonEncodedText CandidatesTokenCount = JsonEncodedText.Encode("candidatesTokenCount");
    public static readonly JsonEncodedText TotalTokenCount = JsonEncodedText.Encode("totalTokenCount");
    public static readonly JsonEncodedText PromptTokensDetails = JsonEncodedText.Encode("promptTokensDetails");
    public static readonly JsonEncodedText Modality = JsonEncodedText.Encode("modality");
    public static readonly JsonEncodedText TokenCount = JsonEncodedText.Encode("tokenCount");
    public static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("modelVersion");
    public static readonly JsonEncodedText ResponseId = JsonEncodedText.Encode("responseId");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Details = JsonEncodedText.Encode("details");
    public static readonly JsonEncodedText AtType = JsonEncodedText.Encode("@type");
    public static readonly JsonEncodedText RetryDelay = JsonEncodedText.Encode("retryDelay");
    public static readonly JsonEncodedText FieldViolations = JsonEncodedText.Encode("fieldViolations");
    public static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
}
