using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Gemini;

/// <summary>
/// Reads a <c>GenerateContentRequest</c>. Field names are proto JSON: lowerCamelCase as the SDKs send them
/// (<c>systemInstruction</c>, <c>functionDeclarations</c>), the proto's snake_case accepted too, as the API does.
/// Script state: the newest <c>user</c> content with a text part holds the directive; <c>functionResponse</c>
/// parts after it are the answered calls. Errors name the field (<c>contents[0].parts[1].functionCall.name</c>).
/// </summary>
public static class GeminiRequestReader
{
    public static bool TryRead(JsonElement root, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(out error, $"Invalid JSON payload received. The body must be a GenerateContentRequest object, got {JsonShape.Describe(root)}.", null);

        JsonElement contents = default, system = default, tools = default, toolConfig = default, generationConfig = default;
        foreach (var property in root.EnumerateObject())
        {
            if (Is(property, "contents"u8, "contents"u8)) contents = property.Value;
            else if (Is(property, "systemInstruction"u8, "system_instruction"u8)) system = property.Value;
            else if (Is(property, "tools"u8, "tools"u8)) tools = property.Value;
            else if (Is(property, "toolConfig"u8, "tool_config"u8)) toolConfig = property.Value;
            else if (Is(property, "generationConfig"u8, "generation_config"u8)) generationConfig = property.Value;
            else if (Is(property, "safetySettings"u8, "safety_settings"u8))
            {
                if (!JsonShape.IsAbsent(property.Value) && property.Value.ValueKind != JsonValueKind.Array)
                    return TypeError(out error, "safetySettings", "a list", property.Value);
            }
        }

        if (JsonShape.IsAbsent(contents)) return Fail(out error, "* GenerateContentRequest.contents: contents is not specified", "contents");
        if (contents.ValueKind != JsonValueKind.Array) return TypeError(out error, "contents", "a list of Content", contents);
        if (contents.GetArrayLength() == 0) return Fail(out error, "* GenerateContentRequest.contents: contents is not specified", "contents");

        long chars = 0;
        if (!ReadGenerationConfig(generationConfig, request, out error)) return false;
        if (!JsonShape.IsAbsent(system))
        {
            if (system.ValueKind != JsonValueKind.Object) return TypeError(out error, "systemInstruction", "a Content object", system);
            if (!ReadParts(system, "systemInstruction", ref chars, out _, out _, out error)) return false;
        }
        if (!ReadTools(tools, request, ref chars, out error)) return false;
        if (!ReadToolConfig(toolConfig, request, out error)) return false;
        if (!ReadContents(contents, request, ref chars, out error)) return false;
        request.InputTokens = TokenEstimator.FromChars(chars);
        return true;
    }

    private static bool ReadGenerationConfig(JsonElement config, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(config)) return true;
        if (config.ValueKind != JsonValueKind.Object) return TypeError(out error, "generationConfig", "a GenerationConfig object", config);
        foreach (var property in config.EnumerateObject())
        {
            var value = property.Value;
            if (JsonShape.IsAbsent(value)) continue;
            if (Is(property, "maxOutputTokens"u8, "max_output_tokens"u8))
            {
                if (!JsonShape.IsInteger(value)) return TypeError(out error, "generationConfig.maxOutputTokens", "an integer", value);
                var max = value.GetInt64();
                if (max < 1) return Fail(out error, $"* GenerateContentRequest.generation_config.max_output_tokens: must be positive, got {max}", "generationConfig.maxOutputTokens");
                request.MaxOutputTokens = (int)Math.Min(max, int.MaxValue);
            }
            else if (Is(property, "candidateCount"u8, "candidate_count"u8))
            {
                if (!JsonShape.IsInteger(value)) return TypeError(out error, "generationConfig.candidateCount", "an integer", value);
                if (value.GetInt64() != 1)
                    return Fail(out error, $"* GenerateContentRequest.generation_config.candidate_count: the mock LLM answers with exactly one candidate, so candidateCount must be 1 (got {value.GetInt64()}).", "generationConfig.candidateCount");
            }
            else if (Is(property, "temperature"u8, "temperature"u8) || Is(property, "topP"u8, "top_p"u8)
                     || Is(property, "presencePenalty"u8, "presence_penalty"u8) || Is(property, "frequencyPenalty"u8, "frequency_penalty"u8))
            {
                if (value.ValueKind != JsonValueKind.Number) return TypeError(out error, $"generationConfig.{property.Name}", "a number", value);
            }
            else if (Is(property, "topK"u8, "top_k"u8) || Is(property, "seed"u8, "seed"u8))
            {
                if (value.ValueKind != JsonValueKind.Number) return TypeError(out error, $"generationConfig.{property.Name}", "a number", value);
            }
            else if (Is(property, "stopSequences"u8, "stop_sequences"u8))
            {
                if (value.ValueKind != JsonValueKind.Array) return TypeError(out error, "generationConfig.stopSequences", "a list of strings", value);
            }
        }
        return true;
    }

    private static bool ReadTools(JsonElement tools, ChatRequest request, ref long chars, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(tools)) return true;
        if (tools.ValueKind != JsonValueKind.Array) return TypeError(out error, "tools", "a list of Tool", tools);
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object) return TypeError(out error, $"tools[{i}]", "a Tool object", tool);
            // Other tool kinds (googleSearch, codeExecution, urlContext, ...) run on Google's side: not offered to the script.
            if (TryGet(tool, "functionDeclarations"u8, "function_declarations"u8, out var declarations) && !JsonShape.IsAbsent(declarations))
            {
                if (declarations.ValueKind != JsonValueKind.Array) return TypeError(out error, $"tools[{i}].functionDeclarations", "a list", declarations);
                var j = 0;
                foreach (var declaration in declarations.EnumerateArray())
                {
                    var at = $"tools[{i}].functionDeclarations[{j}]";
                    if (declaration.ValueKind != JsonValueKind.Object) return TypeError(out error, at, "a FunctionDeclaration object", declaration);
                    if (!declaration.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                        return Fail(out error, $"* GenerateContentRequest.{at}.name: Name cannot be empty.", $"{at}.name");
                    declaration.TryGetProperty("description"u8, out var description);
                    TryGet(declaration, "parameters"u8, "parameters"u8, out var parameters);
                    TryGet(declaration, "parametersJsonSchema"u8, "parameters_json_schema"u8, out var jsonSchema);
                    if (!JsonShape.IsAbsent(parameters) && parameters.ValueKind != JsonValueKind.Object)
                        return TypeError(out error, $"{at}.parameters", "a Schema object", parameters);
                    if (!JsonShape.IsAbsent(jsonSchema) && jsonSchema.ValueKind != JsonValueKind.Object)
                        return TypeError(out error, $"{at}.parametersJsonSchema", "a JSON Schema object", jsonSchema);
                    if (parameters.ValueKind == JsonValueKind.Object && jsonSchema.ValueKind == JsonValueKind.Object)
                        return Fail(out error, $"* GenerateContentRequest.{at}: parameters and parametersJsonSchema must not both be set.", $"{at}.parametersJsonSchema");

                    var schema = jsonSchema.ValueKind == JsonValueKind.Object ? jsonSchema : parameters;
                    var toolName = name.GetString()!;
                    chars += toolName.Length + TokenEstimator.TextLength(description) + TokenEstimator.ContentChars(schema);
                    request.Tools.Add(new OfferedTool(toolName, schema.ValueKind == JsonValueKind.Object ? schema : default));
                    j++;
                }
            }
            i++;
        }
        return true;
    }

    /// <summary><c>toolConfig.functionCallingConfig</c>: mode NONE = no calls, ANY = a call is required (one allowed name forces it).</summary>
    private static bool ReadToolConfig(JsonElement config, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(config)) return true;
        if (config.ValueKind != JsonValueKind.Object) return TypeError(out error, "toolConfig", "a ToolConfig object", config);
        if (!TryGet(config, "functionCallingConfig"u8, "function_calling_config"u8, out var calling) || JsonShape.IsAbsent(calling)) return true;
        if (calling.ValueKind != JsonValueKind.Object) return TypeError(out error, "toolConfig.functionCallingConfig", "an object", calling);

        if (calling.TryGetProperty("mode"u8, out var mode) && !JsonShape.IsAbsent(mode))
        {
            if (mode.ValueKind != JsonValueKind.String) return TypeError(out error, "toolConfig.functionCallingConfig.mode", "a string", mode);
            if (mode.ValueEquals("NONE"u8)) request.ToolChoice = ToolChoice.None;
            else if (mode.ValueEquals("ANY"u8)) request.ToolChoice = ToolChoice.Required;
            else if (!(mode.ValueEquals("AUTO"u8) || mode.ValueEquals("VALIDATED"u8) || mode.ValueEquals("MODE_UNSPECIFIED"u8)))
                return Fail(out error, $"Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"{mode.GetString()}\"",
                    "toolConfig.functionCallingConfig.mode");
        }
        if (TryGet(calling, "allowedFunctionNames"u8, "allowed_function_names"u8, out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && request.ToolChoice == ToolChoice.Required && allowed.GetArrayLength() == 1 && allowed[0].ValueKind == JsonValueKind.String)
        {
            var forced = allowed[0].GetString()!;
            if (!request.Offers(forced))
                return Fail(out error, $"* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: '{forced}' is not among the declared functions ({request.OfferedNames()}).",
                    "toolConfig.functionCallingConfig.allowedFunctionNames");
            request.ToolChoice = ToolChoice.Named;
            request.ForcedToolName = forced;
        }
        return true;
    }

    private static bool ReadContents(JsonElement contents, ChatRequest request, ref long chars, out ProviderError error)
    {
        error = default;
        var i = 0;
        var newestUser = -1;
        JsonElement newestUserContent = default;
        var toolResults = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var at = $"contents[{i}]";
            if (content.ValueKind != JsonValueKind.Object) return TypeError(out error, at, "a Content object", content);
            // No role is the user (single-turn requests); "function" is the role older clients gave function responses.
            var isUser = true;
            if (content.TryGetProperty("role"u8, out var role) && !JsonShape.IsAbsent(role))
            {
                if (role.ValueKind != JsonValueKind.String) return TypeError(out error, $"{at}.role", "a string", role);
                isUser = role.ValueEquals("user"u8) || role.ValueEquals("function"u8);
                if (!isUser && !role.ValueEquals("model"u8))
                    return Fail(out error, $"* GenerateContentRequest.{at}.role: Please use a valid role: user, model.", $"{at}.role");
            }
            if (!ReadParts(content, at, ref chars, out var hasText, out var responses, out error)) return false;

            if (isUser && hasText)
            {
                newestUser = i;
                newestUserContent = content;
                toolResults = 0;
            }
            else toolResults += responses;
            i++;
        }
        request.ToolResultsSinceUser = toolResults;
        request.DirectiveSource = newestUser >= 0 ? DirectiveText(newestUserContent) : null;
        return true;
    }

    private static bool ReadParts(JsonElement content, string at, ref long chars, out bool hasText, out int functionResponses, out ProviderError error)
    {
        error = default;
        hasText = false;
        functionResponses = 0;
        if (!content.TryGetProperty("parts"u8, out var parts) || JsonShape.IsAbsent(parts))
            return Fail(out error, $"* GenerateContentRequest.{at}.parts: contents.parts must not be empty.", $"{at}.parts");
        if (parts.ValueKind != JsonValueKind.Array) return TypeError(out error, $"{at}.parts", "a list of Part", parts);
        if (parts.GetArrayLength() == 0)
            return Fail(out error, $"* GenerateContentRequest.{at}.parts: contents.parts must not be empty.", $"{at}.parts");

        var j = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partAt = $"{at}.parts[{j}]";
            if (part.ValueKind != JsonValueKind.Object) return TypeError(out error, partAt, "a Part object", part);
            var kinds = 0;
            foreach (var property in part.EnumerateObject())
            {
                var value = property.Value;
                if (JsonShape.IsAbsent(value)) continue;
                if (Is(property, "text"u8, "text"u8))
                {
                    if (value.ValueKind != JsonValueKind.String) return TypeError(out error, $"{partAt}.text", "a string", value);
                    chars += TokenEstimator.TextLength(value);
                    // A thought summary the model sent earlier is not the user's text.
                    if (!(part.TryGetProperty("thought"u8, out var thought) && thought.ValueKind == JsonValueKind.True)) hasText = true;
                    kinds++;
                }
                else if (Is(property, "functionCall"u8, "function_call"u8))
                {
                    if (!ReadCall(value, $"{partAt}.functionCall", "args"u8, ref chars, out error)) return false;
                    kinds++;
                }
                else if (Is(property, "functionResponse"u8, "function_response"u8))
                {
                    if (!ReadCall(value, $"{partAt}.functionResponse", "response"u8, ref chars, out error)) return false;
                    functionResponses++;
                    kinds++;
                }
                else if (Is(property, "inlineData"u8, "inline_data"u8) || Is(property, "fileData"u8, "file_data"u8)
                         || Is(property, "executableCode"u8, "executable_code"u8) || Is(property, "codeExecutionResult"u8, "code_execution_result"u8))
                {
                    chars += TokenEstimator.ContentChars(value);
                    kinds++;
                }
            }
            if (kinds == 0)
                return Fail(out error, $"* GenerateContentRequest.{partAt}.data: required oneof field 'data' must have one initialized field", $"{partAt}.data");
            j++;
        }
        return true;
    }

    /// <summary>A functionCall (<c>args</c>) or functionResponse (<c>response</c>): a name and an optional object.</summary>
    private static bool ReadCall(JsonElement call, string at, ReadOnlySpan<byte> payloadName, ref long chars, out ProviderError error)
    {
        error = default;
        if (call.ValueKind != JsonValueKind.Object) return TypeError(out error, at, "an object", call);
        if (!call.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            return Fail(out error, $"* GenerateContentRequest.{at}.name: Name cannot be empty.", $"{at}.name");
        if (call.TryGetProperty(payloadName, out var payload) && !JsonShape.IsAbsent(payload) && payload.ValueKind != JsonValueKind.Object)
            return TypeError(out error, $"{at}.{Encoding.UTF8.GetString(payloadName)}", "an object (google.protobuf.Struct)", payload);
        if (call.TryGetProperty("id"u8, out var id) && !JsonShape.IsAbsent(id) && id.ValueKind != JsonValueKind.String)
            return TypeError(out error, $"{at}.id", "a string", id);
        chars += TokenEstimator.TextLength(name) + TokenEstimator.ContentChars(payload);
        return true;
    }

    private static string? DirectiveText(JsonElement content)
    {
        if (JsonMarshal.GetRawUtf8Value(content).IndexOf("#bench"u8) < 0) return null;
        var text = new StringBuilder();
        foreach (var part in content.GetProperty("parts"u8).EnumerateArray())
        {
            if (part.TryGetProperty("text"u8, out var value) && value.ValueKind == JsonValueKind.String)
            {
                if (text.Length > 0) text.Append('\n');
                text.Append(value.GetString());
            }
        }
        return text.ToString();
    }

    private static bool Is(JsonProperty property, ReadOnlySpan<byte> camel, ReadOnlySpan<byte> snake) =>
        property.NameEquals(camel) || property.NameEquals(snake);

    private static bool TryGet(JsonElement element, ReadOnlySpan<byte> camel, ReadOnlySpan<byte> snake, out JsonElement value) =>
        element.TryGetProperty(camel, out value) || element.TryGetProperty(snake, out value);

    private static bool Fail(out ProviderError error, string message, string? field)
    {
        error = ProviderError.Invalid(message, field);
        return false;
    }

    private static bool TypeError(out ProviderError error, string field, string expected, JsonElement got) =>
        Fail(out error, $"Invalid value at '{field}': expected {expected}, got {JsonShape.Describe(got)}.", field);
}
