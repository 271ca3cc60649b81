using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BenchApp.MockLlm.Completions;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Anthropic;

/// <summary>
/// Reads a Messages request. The script state: the newest user message that has text (a string, or a text
/// block) holds the directive; <c>tool_result</c> blocks in later user messages are the answered tool calls.
/// Errors use Anthropic's wording: <c>field.path: what is wrong</c>.
/// </summary>
public static class AnthropicRequestReader
{
    public static bool TryRead(JsonElement root, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(out error, $"body: Input should be a valid dictionary, got {JsonShape.Describe(root)}");

        JsonElement messages = default, tools = default, toolChoice = default, system = default, maxTokens = default;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("model"u8))
            {
                if (value.ValueKind != JsonValueKind.String) return TypeError(out error, "model", "a valid string", value);
                request.Model = value.GetString()!;
            }
            else if (property.NameEquals("messages"u8)) messages = value;
            else if (property.NameEquals("max_tokens"u8)) maxTokens = value;
            else if (property.NameEquals("system"u8)) system = value;
            else if (property.NameEquals("tools"u8)) tools = value;
            else if (property.NameEquals("tool_choice"u8)) toolChoice = value;
            else if (property.NameEquals("stream"u8))
            {
                if (JsonShape.IsAbsent(value)) continue;
                if (!JsonShape.IsBoolean(value)) return TypeError(out error, "stream", "a valid boolean", value);
                request.Stream = value.GetBoolean();
            }
            else if (property.NameEquals("temperature"u8) || property.NameEquals("top_p"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.Number) return TypeError(out error, property.Name, "a valid number", value);
            }
            else if (property.NameEquals("top_k"u8))
            {
                if (!JsonShape.IsAbsent(value) && !JsonShape.IsInteger(value)) return TypeError(out error, "top_k", "a valid integer", value);
            }
            else if (property.NameEquals("stop_sequences"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.Array) return TypeError(out error, "stop_sequences", "a valid list", value);
            }
            else if (property.NameEquals("metadata"u8))
            {
                if (!JsonShape.IsAbsent(value) && value.ValueKind != JsonValueKind.Object) return TypeError(out error, "metadata", "a valid dictionary", value);
            }
        }

        if (request.Model.Length == 0) return Fail(out error, "model: Field required");
        if (JsonShape.IsAbsent(maxTokens)) return Fail(out error, "max_tokens: Field required");
        if (!JsonShape.IsInteger(maxTokens)) return TypeError(out error, "max_tokens", "a valid integer", maxTokens);
        if (maxTokens.GetInt64() < 1) return Fail(out error, "max_tokens: Input should be greater than or equal to 1");
        request.MaxOutputTokens = (int)Math.Min(maxTokens.GetInt64(), int.MaxValue);
        if (JsonShape.IsAbsent(messages)) return Fail(out error, "messages: Field required");
        if (messages.ValueKind != JsonValueKind.Array) return TypeError(out error, "messages", "a valid list", messages);
        if (messages.GetArrayLength() == 0) return Fail(out error, "messages: at least one message is required");

        long chars = 0;
        if (!ReadSystem(system, ref chars, out error)) return false;
        if (!ReadTools(tools, request, ref chars, out error)) return false;
        if (!ReadToolChoice(toolChoice, request, out error)) return false;
        if (!ReadMessages(messages, request, ref chars, out error)) return false;
        request.InputTokens = TokenEstimator.FromChars(chars);
        return true;
    }

    private static bool ReadSystem(JsonElement system, ref long chars, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(system)) return true;
        if (system.ValueKind == JsonValueKind.String)
        {
            chars += TokenEstimator.TextLength(system);
            return true;
        }
        if (system.ValueKind != JsonValueKind.Array) return TypeError(out error, "system", "a valid string or list", system);
        var i = 0;
        foreach (var block in system.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                return Fail(out error, $"system.{i}.text: Field required");
            chars += TokenEstimator.TextLength(text);
            i++;
        }
        return true;
    }

    private static bool ReadTools(JsonElement tools, ChatRequest request, ref long chars, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(tools)) return true;
        if (tools.ValueKind != JsonValueKind.Array) return TypeError(out error, "tools", "a valid list", tools);
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object) return TypeError(out error, $"tools.{i}", "a valid dictionary", tool);
            if (!tool.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
                return Fail(out error, $"tools.{i}.name: Field required");
            // Server tools (web search, code execution, ...) carry a versioned type and are not the caller's to run.
            var isCustom = !tool.TryGetProperty("type"u8, out var type) || JsonShape.IsAbsent(type) || type.ValueEquals("custom"u8);
            if (isCustom)
            {
                if (!tool.TryGetProperty("input_schema"u8, out var schema) || JsonShape.IsAbsent(schema))
                    return Fail(out error, $"tools.{i}.input_schema: Field required");
                if (schema.ValueKind != JsonValueKind.Object) return TypeError(out error, $"tools.{i}.input_schema", "a valid dictionary", schema);
                tool.TryGetProperty("description"u8, out var description);
                var toolName = name.GetString()!;
                chars += toolName.Length + TokenEstimator.TextLength(description) + TokenEstimator.ContentChars(schema);
                request.Tools.Add(new OfferedTool(toolName, schema));
            }
            i++;
        }
        return true;
    }

    private static bool ReadToolChoice(JsonElement choice, ChatRequest request, out ProviderError error)
    {
        error = default;
        if (JsonShape.IsAbsent(choice)) return true;
        if (choice.ValueKind != JsonValueKind.Object) return TypeError(out error, "tool_choice", "a valid dictionary", choice);
        if (!choice.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
            return Fail(out error, "tool_choice.type: Field required");

        if (type.ValueEquals("auto"u8)) request.ToolChoice = ToolChoice.Auto;
        else if (type.ValueEquals("any"u8)) request.ToolChoice = ToolChoice.Required;
        else if (type.ValueEquals("none"u8)) request.ToolChoice = ToolChoice.None;
        else if (type.ValueEquals("tool"u8))
        {
            if (!choice.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                return Fail(out error, "tool_choice.name: Field required");
            var forced = name.GetString()!;
            if (!request.Offers(forced))
                return Fail(out error, $"tool_choice.name: tool '{forced}' is not among the offered tools ({request.OfferedNames()})");
            request.ToolChoice = ToolChoice.Named;
            request.ForcedToolName = forced;
        }
        else return Fail(out error, $"tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none', got '{type.GetString()}'");

        if (choice.TryGetProperty("disable_parallel_tool_use"u8, out var disable) && JsonShape.IsBoolean(disable))
            request.ParallelToolCalls = !disable.GetBoolean();
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
            if (message.ValueKind != JsonValueKind.Object) return TypeError(out error, $"messages.{i}", "a valid dictionary", message);
            if (!message.TryGetProperty("role"u8, out var role) || JsonShape.IsAbsent(role)) return Fail(out error, $"messages.{i}.role: Field required");
            if (role.ValueKind != JsonValueKind.String) return TypeError(out error, $"messages.{i}.role", "a valid string", role);
            var isUser = role.ValueEquals("user"u8);
            if (!isUser && !role.ValueEquals("assistant"u8))
                return Fail(out error, $"messages.{i}.role: Input should be 'user' or 'assistant'");
            if (!message.TryGetProperty("content"u8, out var content) || JsonShape.IsAbsent(content))
                return Fail(out error, $"messages.{i}.content: Field required");

            var hasText = false;
            var resultsHere = 0;
            if (content.ValueKind == JsonValueKind.String)
            {
                chars += TokenEstimator.TextLength(content);
                hasText = true;
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                if (!ReadBlocks(content, i, ref chars, ref hasText, ref resultsHere, out error)) return false;
            }
            else return TypeError(out error, $"messages.{i}.content", "a valid string or list", content);

            if (isUser && hasText)
            {
                newestUser = i;
                newestUserContent = content;
                toolResults = 0;
            }
            else if (isUser) toolResults += resultsHere;
            i++;
        }

        request.ToolResultsSinceUser = toolResults;
        request.DirectiveSource = newestUser >= 0 ? DirectiveText(newestUserContent) : null;
        return true;
    }

    private static bool ReadBlocks(JsonElement blocks, int i, ref long chars, ref bool hasText, ref int toolResults, out ProviderError error)
    {
        error = default;
        var j = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind != JsonValueKind.Object) return TypeError(out error, $"messages.{i}.content.{j}", "a valid dictionary", block);
            if (!block.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                return Fail(out error, $"messages.{i}.content.{j}.type: Field required");

            if (type.ValueEquals("text"u8))
            {
                if (!block.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                    return Fail(out error, $"messages.{i}.content.{j}.text: Field required");
                chars += TokenEstimator.TextLength(text);
                hasText = true;
            }
            else if (type.ValueEquals("tool_use"u8))
            {
                if (!block.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String)
                    return Fail(out error, $"messages.{i}.content.{j}.tool_use.id: Field required");
                if (!block.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                    return Fail(out error, $"messages.{i}.content.{j}.tool_use.name: Field required");
                if (!block.TryGetProperty("input"u8, out var input) || input.ValueKind != JsonValueKind.Object)
                    return Fail(out error, $"messages.{i}.content.{j}.tool_use.input: Input should be a valid dictionary");
                chars += TokenEstimator.TextLength(name) + TokenEstimator.ContentChars(input);
            }
            else if (type.ValueEquals("tool_result"u8))
            {
                if (!block.TryGetProperty("tool_use_id"u8, out var id) || id.ValueKind != JsonValueKind.String)
                    return Fail(out error, $"messages.{i}.content.{j}.tool_result.tool_use_id: Field required");
                if (block.TryGetProperty("content"u8, out var resultContent))
                    chars += resultContent.ValueKind == JsonValueKind.String
                        ? TokenEstimator.TextLength(resultContent)
                        : TokenEstimator.ContentChars(resultContent);
                toolResults++;
            }
            j++;
        }
        return true;
    }

    private static string? DirectiveText(JsonElement content)
    {
        if (JsonMarshal.GetRawUtf8Value(content).IndexOf("#bench"u8) < 0) return null;
        if (content.ValueKind == JsonValueKind.String) return content.GetString();

        var text = new StringBuilder();
        foreach (var block in content.EnumerateArray())
        {
            if (block.TryGetProperty("type"u8, out var type) && type.ValueEquals("text"u8) && block.TryGetProperty("text"u8, out var value))
            {
                if (text.Length > 0) text.Append('\n');
                text.Append(value.GetString());
            }
        }
        return text.ToString();
    }

    private static bool Fail(out ProviderError error, string message)
    {
        error = ProviderError.Invalid(message);
        return false;
    }

    private static bool TypeError(out ProviderError error, string field, string expected, JsonElement got) =>
        Fail(out error, $"{field}: Input should be {expected}, got {JsonShape.Describe(got)}");
}
