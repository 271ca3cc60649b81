using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.OpenAi;

/// <summary>
/// Reads a Chat Completions request in one pass over the parsed JSON. What the SDKs and frameworks send in
/// normal use is accepted (content as a string or parts, null content beside tool_calls, <c>name</c>, nulls
/// for optional fields, unknown fields); wrong types and missing fields are refused with OpenAI's wording
/// and the offending <c>param</c>.
/// </summary>
public static class OpenAiRequestReader
{
    private const string SupportedRoles = "'system', 'assistant', 'user', 'function', 'tool', and 'developer'";

    private enum Role { System, Developer, User, Assistant, Tool, Function }

    public static bool TryRead(JsonElement root, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(out error, $"The request body must be a JSON object, but got {JsonShape.Describe(root)}.", null);

        JsonElement messages = default, tools = default, toolChoice = default;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("model"u8))
            {
                if (value.ValueKind != JsonValueKind.String) return TypeError(out error, "model", "a string", value);
                request.Model = value.GetString()!;
            }
            else if (property.NameEquals("messages"u8)) messages = value;
            else if (property.NameEquals("tools"u8)) tools = value;
            else if (property.NameEquals("tool_choice"u8)) toolChoice = value;
            else if (property.NameEquals("stream"u8))
            {
                if (JsonShape.IsAbsent(value)) continue;
                if (!JsonShape.IsBoolean(value)) return TypeError(out error, "stream", "a boolean", value);
                request.Stream = value.GetBoolean();
            }
            else if (property.NameEquals("stream_options"u8))
            {
                if (!ReadStreamOptions(value, request, out error)) return false;
            }
            else if (property.NameEquals("parallel_tool_calls"u8))
            {
                if (JsonShape.IsAbsent(value)) continue;
                if (!JsonShape.IsBoolean(value)) return TypeError(out error, "parallel_tool_calls", "a boolean", value);
                request.ParallelToolCalls = value.GetBoolean();
            }
            else if (property.NameEquals("n"u8))
            {
                if (JsonShape.IsAbsent(value)) continue;
                if (!JsonShape.IsInteger(value)) return TypeError(out error, "n", "an integer", value);
                if (value.GetInt64() != 1)
                    return Fail(out error, $"Invalid 'n': the mock LLM answers with exactly one choice, so n must be 1 (got {value.GetInt64()}).", "n");
            }
            else if (property.NameEquals("max_tokens"u8) || property.NameEquals("max_completion_tokens"u8))
            {
                if (JsonShape.IsAbsent(value)) continue;
                var name = property.Name;
                if (!JsonShape.IsInteger(value)) return TypeError(out error, name, "an integer", value);
                var max = value.GetInt64();
                if (max < 1) return Fail(out error, $"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {max} instead.", name);
                request.MaxOutputTokens = (int)Math.Min(max, Math.Min(request.MaxOutputTokens ?? int.MaxValue, int.MaxValue));
            }
            else if (property.NameEquals("temperature"u8) || property.NameEquals("top_p"u8)
                     || property.NameEquals("presence_penalty"u8) || property.NameEquals("frequency_penalty"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.Number)
                    return TypeError(out error, property.Name, "a number", value);
            }
            else if (property.NameEquals("seed"u8) || property.NameEquals("top_logprobs"u8))
            {
                if (!JsonShape.IsAbsent(value) && !JsonShape.IsInteger(value)) return TypeError(out error, property.Name, "an integer", value);
            }
            else if (property.NameEquals("logprobs"u8) || property.NameEquals("store"u8))
            {
                if (!JsonShape.IsAbsent(value) && !JsonShape.IsBoolean(value)) return TypeError(out error, property.Name, "a boolean", value);
            }
            else if (property.NameEquals("user"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.String) return TypeError(out error, "user", "a string", value);
            }
            else if (property.NameEquals("stop"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
                    return TypeError(out error, "stop", "a string or an array", value);
            }
            else if (property.NameEquals("metadata"u8) || property.NameEquals("response_format"u8) || property.NameEquals("logit_bias"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.Object) return TypeError(out error, property.Name, "an object", value);
            }
        }

        if (request.Model.Length == 0)
            return Fail(out error, "you must provide a model parameter", "model");
        if (JsonShape.IsAbsent(messages))
            return Fail(out error, "Missing required parameter: 'messages'.", "messages");
        if (messages.ValueKind != JsonValueKind.Array) return TypeError(out error, "messages", "an array", messages);
        if (messages.GetArrayLength() == 0)
            return Fail(out error, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages");

        long chars = 0;
        if (!ReadTools(tools, request, ref chars, out error)) return false;
        if (!ReadToolChoice(toolChoice, request, out error)) return false;
        if (!ReadMessages(messages, request, ref chars, out error)) return false;
        request.InputTokens = TokenEstimator.FromChars(chars);
        return true;
    }

    private static bool ReadStreamOptions(JsonElement value, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(value)) return true;
        if (value.ValueKind != JsonValueKind.Object) return TypeError(out error, "stream_options", "an object", value);
        if (value.TryGetProperty("include_usage"u8, out var include) && !JsonShape.IsAbsent(include))
        {
            if (!JsonShape.IsBoolean(include)) return TypeError(out error, "stream_options.include_usage", "a boolean", include);
            request.IncludeUsage = include.GetBoolean();
        }
        return true;
    }

    private static bool ReadTools(JsonElement tools, ChatRequest request, ref long chars, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(tools)) return true;
        if (tools.ValueKind != JsonValueKind.Array) return TypeError(out error, "tools", "an array", tools);

        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            string At() => $"tools[{i}]";
            if (tool.ValueKind != JsonValueKind.Object) return TypeError(out error, At(), "an object", tool);
            if (!tool.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                return Fail(out error, $"Missing required parameter: '{At()}.type'.", $"{At()}.type");
            if (!type.ValueEquals("function"u8))
                return Fail(out error, $"Invalid value: '{type.GetString()}'. Supported values are: 'function'.", $"{At()}.type");
            if (!tool.TryGetProperty("function"u8, out var function) || JsonShape.IsAbsent(function))
                return Fail(out error, $"Missing required parameter: '{At()}.function'.", $"{At()}.function");
            if (function.ValueKind != JsonValueKind.Object) return TypeError(out error, $"{At()}.function", "an object", function);
            if (!function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                return Fail(out error, $"Missing required parameter: '{At()}.function.name'.", $"{At()}.function.name");
            if (function.TryGetProperty("description"u8, out var description) && !JsonShape.IsAbsent(description)
                && description.ValueKind != JsonValueKind.String)
                return TypeError(out error, $"{At()}.function.description", "a string", description);
            function.TryGetProperty("parameters"u8, out var parameters);
            if (!JsonShape.IsAbsent(parameters) && parameters.ValueKind != JsonValueKind.Object)
                return TypeError(out error, $"{At()}.function.parameters", "an object", parameters);

            var toolName = name.GetString()!;
            chars += toolName.Length + TokenEstimator.TextLength(description) + TokenEstimator.ContentChars(parameters);
            request.Tools.Add(new OfferedTool(toolName, parameters.ValueKind == JsonValueKind.Object ? parameters : default));
            i++;
        }
        return true;
    }

    private static bool ReadToolChoice(JsonElement choice, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(choice)) return true;
        if (choice.ValueKind == JsonValueKind.String)
        {
            if (choice.ValueEquals("auto"u8)) request.ToolChoice = ToolChoice.Auto;
            else if (choice.ValueEquals("none"u8)) request.ToolChoice = ToolChoice.None;
            else if (choice.ValueEquals("required"u8)) request.ToolChoice = ToolChoice.Required;
            else return Fail(out error, $"Invalid value: '{choice.GetString()}'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice");
            return true;
        }
        if (choice.ValueKind != JsonValueKind.Object) return TypeError(out error, "tool_choice", "a string or an object", choice);

        if (choice.TryGetProperty("type"u8, out var type) && type.ValueEquals("function"u8))
        {
            if (!choice.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                return Fail(out error, "Missing required parameter: 'tool_choice.function.name'.", "tool_choice.function.name");
            var forced = name.GetString()!;
            if (!request.Offers(forced))
                return Fail(out error, $"Invalid value for 'tool_choice': function '{forced}' is not among the offered tools ({request.OfferedNames()}).", "tool_choice");
            request.ToolChoice = ToolChoice.Named;
            request.ForcedToolName = forced;
        }
        return true;
    }

    private static bool ReadMessages(JsonElement messages, ChatRequest request, ref long chars, out ProviderError error)
    {
        error = default;
        var i = 0;
        var newestUser = -1;
        JsonElement newestUserContent = default;
        var toolResults = 0;

        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object) return TypeError(out error, $"messages.[{i}]", "an object", message);

            JsonElement roleValue = default, content = default, toolCalls = default, toolCallId = default;
            foreach (var property in message.EnumerateObject())
            {
                var value = property.Value;
                if (property.NameEquals("role"u8)) roleValue = value;
                else if (property.NameEquals("content"u8)) content = value;
                else if (property.NameEquals("tool_calls"u8)) toolCalls = value;
                else if (property.NameEquals("tool_call_id"u8)) toolCallId = value;
                else if (property.NameEquals("name"u8))
                {
                    if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.String)
                        return TypeError(out error, $"messages.[{i}].name", "a string", value);
                    chars += TokenEstimator.TextLength(value);
                }
            }

            if (JsonShape.IsAbsent(roleValue)) return Fail(out error, $"Missing required parameter: 'messages.[{i}].role'.", $"messages.[{i}].role");
            if (roleValue.ValueKind != JsonValueKind.String) return TypeError(out error, $"messages.[{i}].role", "a string", roleValue);
            if (!TryParseRole(roleValue, out var role))
                return Fail(out error, $"Invalid value: '{roleValue.GetString()}'. Supported values are: {SupportedRoles}.", $"messages.[{i}].role");

            if (!ReadContent(content, role, i, ref chars, out error)) return false;
            if (role == Role.Assistant && !ReadToolCalls(toolCalls, i, ref chars, out error)) return false;
            if (role == Role.Tool)
            {
                if (JsonShape.IsAbsent(toolCallId))
                    return Fail(out error, $"Missing required parameter: 'messages.[{i}].tool_call_id'.", $"messages.[{i}].tool_call_id");
                if (toolCallId.ValueKind != JsonValueKind.String) return TypeError(out error, $"messages.[{i}].tool_call_id", "a string", toolCallId);
            }

            switch (role)
            {
                case Role.User:
                    newestUser = i;
                    newestUserContent = content;
                    toolResults = 0;
                    break;
                case Role.Tool or Role.Function:
                    toolResults++;
                    break;
            }
            i++;
        }

        request.ToolResultsSinceUser = toolResults;
        request.DirectiveSource = newestUser >= 0 ? DirectiveText(newestUserContent) : null;
        return true;
    }

    private static bool TryParseRole(JsonElement role, out Role parsed)
    {
        if (role.ValueEquals("user"u8)) parsed = Role.User;
        else if (role.ValueEquals("assistant"u8)) parsed = Role.Assistant;
        else if (role.ValueEquals("tool"u8)) parsed = Role.Tool;
        else if (role.ValueEquals("system"u8)) parsed = Role.System;
        else if (role.ValueEquals("developer"u8)) parsed = Role.Developer;
        else if (role.ValueEquals("function"u8)) parsed = Role.Function;
        else
        {
            parsed = default;
            return false;
        }
        return true;
    }

    private static bool ReadContent(JsonElement content, Role role, int i, ref long chars, out ProviderError error)
    {
        error = default;
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                chars += TokenEstimator.TextLength(content);
                return true;
            case JsonValueKind.Array:
                var j = 0;
                foreach (var part in content.EnumerateArray())
                {
                    string At() => $"messages.[{i}].content.[{j}]";
                    if (part.ValueKind != JsonValueKind.Object) return TypeError(out error, At(), "an object", part);
                    if (!part.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                        return Fail(out error, $"Missing required parameter: '{At()}.type'.", $"{At()}.type");
                    if (type.ValueEquals("text"u8))
                    {
                        if (!part.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                            return Fail(out error, $"Missing required parameter: '{At()}.text'.", $"{At()}.text");
                        chars += TokenEstimator.TextLength(text);
                    }
                    j++;
                }
                return true;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                // An assistant message may carry only tool_calls (content null or absent).
                if (role == Role.Assistant) return true;
                return Fail(out error, $"Missing required parameter: 'messages.[{i}].content'.", $"messages.[{i}].content");
            default:
                return TypeError(out error, $"messages.[{i}].content", "a string or an array", content);
        }
    }

    private static bool ReadToolCalls(JsonElement toolCalls, int i, ref long chars, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(toolCalls)) return true;
        if (toolCalls.ValueKind != JsonValueKind.Array) return TypeError(out error, $"messages.[{i}].tool_calls", "an array", toolCalls);
        var j = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            string At() => $"messages.[{i}].tool_calls.[{j}]";
            if (call.ValueKind != JsonValueKind.Object) return TypeError(out error, At(), "an object", call);
            if (!call.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
                return Fail(out error, $"Missing required parameter: '{At()}.id'.", $"{At()}.id");
            if (!call.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object)
                return Fail(out error, $"Missing required parameter: '{At()}.function'.", $"{At()}.function");
            if (!function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                return Fail(out error, $"Missing required parameter: '{At()}.function.name'.", $"{At()}.function.name");
            if (!function.TryGetProperty("arguments"u8, out var arguments) || arguments.ValueKind != JsonValueKind.String)
                return Fail(out error, $"Missing required parameter: '{At()}.function.arguments'.", $"{At()}.function.arguments");
            chars += TokenEstimator.TextLength(name) + TokenEstimator.TextLength(arguments);
            j++;
        }
        return true;
    }

    /// <summary>The newest user message's text when it may hold a directive; "#bench" is looked for in the raw bytes first.</summary>
    private static string? DirectiveText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
            return JsonMarshal.GetRawUtf8Value(content).IndexOf("#bench"u8) >= 0 ? content.GetString() : null;
        if (content.ValueKind != JsonValueKind.Array || JsonMarshal.GetRawUtf8Value(content).IndexOf("#bench"u8) < 0) return null;

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("type"u8, out var type) && type.ValueEquals("text"u8) && part.TryGetProperty("text"u8, out var value))
            {
                if (text.Length > 0) text.Append('\n');
                text.Append(value.GetString());
            }
        }
        return text.ToString();
    }

    private static bool Fail(out ProviderError error, string message, string? param)
    {
        error = ProviderError.Invalid(message, param);
        return false;
    }

    private static bool TypeError(out ProviderError error, string param, string expected, JsonElement got) =>
        Fail(out error, $"Invalid type for '{param}': expected {expected}, but got {JsonShape.Describe(got)} instead.", param);
}
