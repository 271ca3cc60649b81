using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.Executors.AgentFramework;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.Tests.AgentFramework;

public class BenchToolFunctionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_schema_is_the_contracts_word_for_word()
    {
        using var contract = JsonDocument.Parse(File.ReadAllText(Path.Combine(BenchApp.TestSupport.RepoPaths.Root, "contracts", "tools.json")));
        foreach (var tool in contract.RootElement.GetProperty("tools").EnumerateArray())
        {
            var function = new MeteredToolFunction(new BenchToolFunction(BenchTools.Find(tool.GetProperty("name").GetString()!)!));
            Assert.Equal(tool.GetProperty("description").GetString(), function.Description);
            Assert.True(JsonElement.DeepEquals(tool.GetProperty("parameters"), function.JsonSchema), function.JsonSchema.GetRawText());
        }
    }

    [Fact]
    public async Task Arguments_reach_the_tool_as_the_json_the_llm_wrote()
    {
        var function = new BenchToolFunction(BenchTools.Find("calculator")!);
        using var args = JsonDocument.Parse("""{"expression":"(2 + 3) * 4","delay_ms":0}""");
        var arguments = new AIFunctionArguments(args.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()));
        Assert.Equal("20", await function.InvokeAsync(arguments, Ct));
        Assert.True(JsonElement.DeepEquals(args.RootElement, JsonDocument.Parse(function.ArgumentsJson(arguments)).RootElement));
    }

    [Fact]
    public async Task Bad_arguments_are_the_tools_error_text_not_an_exception()
    {
        var function = new BenchToolFunction(BenchTools.Find("get_weather")!);
        var result = await function.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["unit"] = "kelvin" }), Ct);
        Assert.StartsWith("error: ", Assert.IsType<string>(result));
    }
}
