using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.MockLlm.Scripting;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class ToolArgumentGeneratorTests
{
    public static TheoryData<string> BenchToolNames() => new(BenchTools.Definitions.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(BenchToolNames))]
    public async Task Arguments_for_the_contract_tools_validate_and_the_real_tools_accept_them(string name)
    {
        var definition = BenchTools.Find(name)!;
        foreach (var delay in new[] { 0, 5 })
        {
            for (var index = 0; index < 24; index++)
            {
                var args = ToolArgumentGenerator.Generate(definition.Parameters, index, delay);
                Assert.Empty(Schemas.Validate(definition.Parameters, args));

                var prepared = BenchTools.Prepare(name, args);
                Assert.False(prepared.Result.IsError, $"{name}({args}) -> {prepared.Result.Output}");
                Assert.Equal(delay, prepared.DelayMs);
                var result = await BenchTools.ExecuteAsync(name, args, TestContext.Current.CancellationToken);
                Assert.Equal(prepared.Result, result);
            }
        }
    }

    [Fact]
    public void Examples_are_picked_by_call_index()
    {
        var weather = BenchTools.Find(WeatherTool.Name)!.Parameters;
        var examples = weather.GetProperty("properties").GetProperty("city").GetProperty("examples");
        for (var index = 0; index < 10; index++)
        {
            using var args = JsonDocument.Parse(ToolArgumentGenerator.Generate(weather, index, 0));
            Assert.Equal(examples[index % examples.GetArrayLength()].GetString(), args.RootElement.GetProperty("city").GetString());
            Assert.False(args.RootElement.TryGetProperty("delay_ms", out _), "delay_ms is only sent when a delay is asked");
            Assert.False(args.RootElement.TryGetProperty("unit", out _), "optional properties are left out");
        }
    }

    [Fact]
    public void Framework_schemas_without_examples_get_plausible_values_by_name()
    {
        // What pydantic / LangChain derive from `def get_weather(city: str)` and `def calculator(expression: str)`.
        var weather = Schemas.Parse("""{"type":"object","properties":{"city":{"title":"City","type":"string"}},"required":["city"]}""");
        var calculator = Schemas.Parse("""{"type":"object","properties":{"expression":{"title":"Expression","type":"string"}},"required":["expression"]}""");
        for (var index = 0; index < 12; index++)
        {
            var weatherArgs = ToolArgumentGenerator.Generate(weather, index, 0);
            Assert.False(BenchTools.Prepare(WeatherTool.Name, weatherArgs).Result.IsError);
            Assert.DoesNotContain("value-", weatherArgs);

            var calculatorArgs = ToolArgumentGenerator.Generate(calculator, index, 0);
            var result = BenchTools.Prepare(CalculatorTool.Name, calculatorArgs).Result;
            Assert.False(result.IsError, $"{calculatorArgs} -> {result.Output}");
        }
    }

    public static TheoryData<string> FrameworkSchemas() => new(
        // Optional[int] with bounds, enum, boolean, number with exclusive bounds.
        """
        {"type":"object","properties":{
          "days":{"anyOf":[{"type":"integer","minimum":3,"maximum":7},{"type":"null"}]},
          "unit":{"type":"string","enum":["kelvin","celsius"]},
          "detailed":{"type":"boolean"},
          "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
          "limit":{"type":"integer","exclusiveMinimum":10,"multipleOf":5}},
         "required":["days","unit","detailed","ratio","limit"]}
        """,
        // Nested model through $defs/$ref (pydantic v2), arrays with minItems, strings with length bounds.
        """
        {"$defs":{"Location":{"type":"object","properties":{"city":{"type":"string"},"lat":{"type":"number","minimum":-90,"maximum":90}},"required":["city","lat"]}},
         "type":"object","properties":{
           "origin":{"$ref":"#/$defs/Location"},
           "stops":{"type":"array","items":{"$ref":"#/$defs/Location"},"minItems":2,"uniqueItems":true},
           "code":{"type":"string","minLength":12,"maxLength":14},
           "tag":{"type":"string","maxLength":3}},
         "required":["origin","stops","code","tag"]}
        """,
        // Formats, const, a type list with null, an `allOf` wrapper, a required name without a property schema.
        """
        {"type":"object","properties":{
           "when":{"type":"string","format":"date-time"},
           "day":{"type":"string","format":"date"},
           "id":{"type":"string","format":"uuid"},
           "homepage":{"type":"string","format":"uri"},
           "version":{"const":2},
           "note":{"type":["string","null"]},
           "address":{"allOf":[{"$ref":"#/definitions/Address"}],"description":"where"}},
         "definitions":{"Address":{"type":"object","properties":{"street":{"type":"string"},"zip":{"type":"integer","minimum":1000,"maximum":9999}},"required":["street","zip"]}},
         "required":["when","day","id","homepage","version","note","address","extra"]}
        """,
        // No properties at all (a tool without arguments) and additionalProperties false.
        """{"type":"object","properties":{},"additionalProperties":false}""");

    [Theory]
    [MemberData(nameof(FrameworkSchemas))]
    public void Arguments_validate_against_framework_style_schemas(string schemaJson)
    {
        var schema = Schemas.Parse(schemaJson);
        for (var index = 0; index < 12; index++)
        {
            var args = ToolArgumentGenerator.Generate(schema, index, 0);
            var errors = Schemas.Validate(schema, args);
            Assert.True(errors.Count == 0, $"{args}: {string.Join("; ", errors)}");
        }
    }

    /// <summary>
    /// Strict schemas (OpenAI strict mode; CrewAI's <c>ensure_all_properties_required</c>): every property is
    /// required, optionals are nullable. A nullable free string gets null, never a made-up value the tool rejects.
    /// </summary>
    [Theory]
    [InlineData("""{"type":"object","properties":{"city":{"title":"City","type":"string"},"unit":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Unit"},"delay_ms":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null}},"required":["city","unit","delay_ms"],"additionalProperties":false}""", null)]
    [InlineData("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":["string","null"]},"delay_ms":{"type":["integer","null"]}},"required":["city","unit","delay_ms"],"additionalProperties":false}""", null)]
    [InlineData("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"anyOf":[{"enum":["celsius","fahrenheit"],"type":"string"},{"type":"null"}]},"delay_ms":{"anyOf":[{"type":"integer"},{"type":"null"}]}},"required":["city","unit","delay_ms"],"additionalProperties":false}""", "celsius")]
    [InlineData("""{"$defs":{"Unit":{"enum":["fahrenheit","celsius"],"type":"string"}},"type":"object","properties":{"city":{"type":"string"},"unit":{"anyOf":[{"$ref":"#/$defs/Unit"},{"type":"null"}]}},"required":["city","unit"],"additionalProperties":false}""", "fahrenheit")]
    public void Strict_schemas_get_valid_arguments_the_real_tool_accepts(string schemaJson, string? unit)
    {
        var schema = Schemas.Parse(schemaJson);
        foreach (var delay in new[] { 0, 9 })
        {
            for (var index = 0; index < 8; index++)
            {
                var args = ToolArgumentGenerator.Generate(schema, index, delay);
                Assert.Empty(Schemas.Validate(schema, args));
                using var parsed = JsonDocument.Parse(args);
                var root = parsed.RootElement;
                Assert.Equal(unit, root.GetProperty("unit").ValueKind == JsonValueKind.Null ? null : root.GetProperty("unit").GetString());
                var prepared = BenchTools.Prepare(WeatherTool.Name, args);
                Assert.False(prepared.Result.IsError, $"{args} -> {prepared.Result.Output}");
                Assert.Equal(schemaJson.Contains("delay_ms", StringComparison.Ordinal) ? delay : 0, prepared.DelayMs);
            }
        }
    }

    [Fact]
    public void Gemini_openapi_schemas_with_upper_case_types_and_string_integers_are_followed()
    {
        // What @google/adk 2.0 sends for a zod object (zod v4 toJSONSchema, target openapi-3.0, types upper-cased,
        // int64 keywords as strings) after @google/genai's processJsonSchema.
        var schema = Schemas.Parse("""
            {"type":"OBJECT","properties":{
              "city":{"type":"STRING","minLength":"1","maxLength":"100"},
              "unit":{"type":"STRING","enum":["celsius","fahrenheit"],"nullable":true},
              "note":{"type":"STRING","nullable":true},
              "delay_ms":{"type":"INTEGER","minimum":0,"maximum":10000},
              "days":{"type":"INTEGER","minimum":3,"maximum":"7"},
              "tags":{"type":"ARRAY","items":{"type":"STRING"},"minItems":"2"}},
             "required":["city","unit","note","days","tags"]}
            """);
        using var args = JsonDocument.Parse(ToolArgumentGenerator.Generate(schema, 0, 25));
        var root = args.RootElement;
        Assert.Equal("Paris", root.GetProperty("city").GetString());
        Assert.Equal("celsius", root.GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("note").ValueKind);
        Assert.Equal(25, root.GetProperty("delay_ms").GetInt32());
        Assert.InRange(root.GetProperty("days").GetInt32(), 3, 7);
        Assert.Equal(2, root.GetProperty("tags").GetArrayLength());
        Assert.False(BenchTools.Prepare(WeatherTool.Name, root.GetRawText()).Result.IsError);
    }

    [Fact]
    public void Email_addresses_are_well_formed()
    {
        // Checked apart: the schema library's email check runs a regex with a timeout, which a loaded machine trips.
        var schema = Schemas.Parse("""{"type":"object","properties":{"contact":{"type":"string","format":"email"},"reply_email":{"type":"string"}},"required":["contact","reply_email"]}""");
        using var args = JsonDocument.Parse(ToolArgumentGenerator.Generate(schema, 5, 0));
        foreach (var name in new[] { "contact", "reply_email" })
        {
            var value = args.RootElement.GetProperty(name).GetString()!;
            Assert.True(System.Net.Mail.MailAddress.TryCreate(value, out var address), value);
            Assert.Equal(value, address.Address);
        }
    }

    [Fact]
    public void Required_delay_ms_is_filled_even_without_a_tool_delay()
    {
        var schema = Schemas.Parse("""{"type":"object","properties":{"delay_ms":{"type":"integer","minimum":0,"maximum":100}},"required":["delay_ms"]}""");
        using var zero = JsonDocument.Parse(ToolArgumentGenerator.Generate(schema, 3, 0));
        Assert.Equal(0, zero.RootElement.GetProperty("delay_ms").GetInt32());
        using var clamped = JsonDocument.Parse(ToolArgumentGenerator.Generate(schema, 3, 5000));
        Assert.Equal(100, clamped.RootElement.GetProperty("delay_ms").GetInt32());
    }

    [Fact]
    public void Pathological_schemas_give_bounded_output_without_failing()
    {
        // Arrays of arrays 10 deep with many items each, a self-referencing $ref, and a huge minLength.
        var schema = Schemas.Parse("""
            {"$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}},"required":["next"]},
                      "Deep":{"type":"array","minItems":50,"items":{"$ref":"#/$defs/Deep"}}},
             "type":"object","properties":{
               "node":{"$ref":"#/$defs/Node"},
               "deep":{"$ref":"#/$defs/Deep"},
               "text":{"type":"string","minLength":100000000},
               "loop":{"$ref":"#/$defs/Loop"}},
             "required":["node","deep","text","loop"]}
            """);
        var args = ToolArgumentGenerator.Generate(schema, 0, 0);
        Assert.True(args.Length < 200_000, $"{args.Length} characters: {args[..300]} ... {args[^300..]}");
        using var parsed = JsonDocument.Parse(args);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
    }

    [Fact]
    public void Generation_is_deterministic_and_a_missing_schema_gives_an_empty_object()
    {
        var schema = BenchTools.Find(CalculatorTool.Name)!.Parameters;
        Assert.Equal(ToolArgumentGenerator.Generate(schema, 4, 10), ToolArgumentGenerator.Generate(schema, 4, 10));
        Assert.Equal("{}", ToolArgumentGenerator.Generate(default, 0, 0));
    }
}
