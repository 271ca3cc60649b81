using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchApp.Contracts.Tools;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// A Contracts tool as an <see cref="AIFunction"/> whose <see cref="JsonSchema"/> is contracts/tools.json's, word for word.
/// Not <c>AIFunctionFactory.Create</c>: a schema derived from a C# signature has no <c>examples</c>, no
/// <c>additionalProperties: false</c>, nullable optionals (<c>["string","null"]</c>) and bounds only through attributes,
/// and its argument binding would turn a bad argument into an exception ("Error: Function failed.") where the contract
/// wants the tool's own <c>error: ...</c> text back to the LLM. So the arguments go to the tool as the JSON they were.
/// </summary>
public sealed class BenchToolFunction(BenchToolDefinition definition) : AIFunction
{
    public override string Name => definition.Name;
    public override string Description => definition.Description;
    public override JsonElement JsonSchema => definition.Parameters;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var result = await BenchTools.ExecuteAsync(Name, ArgumentsJson(arguments), cancellationToken).ConfigureAwait(false);
        return result.Output;
    }

    /// <summary>
    /// The arguments back as a JSON object. The OpenAI chat client parsed them into JsonElement values; anything
    /// else (a caller that built the dictionary by hand) is serialized with the function's options.
    /// </summary>
    internal string ArgumentsJson(AIFunctionArguments arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                if (value is JsonElement element) element.WriteTo(writer);
                else JsonSerializer.Serialize(writer, value, JsonSerializerOptions.GetTypeInfo(value?.GetType() ?? typeof(object)));
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
