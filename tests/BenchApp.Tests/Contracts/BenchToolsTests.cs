using System.Text.Json;
using BenchApp.Contracts.Tools;
using BenchApp.TestSupport;

namespace BenchApp.Tests.Contracts;

public class BenchToolsTests
{
    public static TheoryData<string, string, string, bool, int> Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("contracts", "tool-vectors.json")));
        var data = new TheoryData<string, string, string, bool, int>();
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            data.Add(v.GetProperty("tool").GetString()!, v.GetProperty("arguments").GetString()!,
                v.GetProperty("output").GetString()!, v.GetProperty("is_error").GetBoolean(), v.GetProperty("delay_ms").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Tools_reproduce_the_shared_vectors(string tool, string arguments, string output, bool isError, int delayMs)
    {
        var call = BenchTools.Prepare(tool, arguments);

        Assert.Equal(output, call.Result.Output);
        Assert.Equal(isError, call.Result.IsError);
        Assert.Equal(delayMs, call.DelayMs);
    }

    [Fact]
    public void The_vector_file_covers_every_tool_and_its_errors()
    {
        var tools = Vectors().Select(row => row.Data.Item1).ToHashSet();
        var errors = Vectors().Count(row => row.Data.Item4);

        Assert.Superset(BenchTools.Definitions.Select(d => d.Name).ToHashSet(), tools);
        Assert.True(errors >= 10, $"only {errors} error vectors");
    }

    [Fact]
    public void Definitions_come_from_the_shared_tools_json()
    {
        Assert.Equal(["get_weather", "calculator"], BenchTools.Definitions.Select(d => d.Name));
        foreach (var tool in BenchTools.Definitions)
        {
            Assert.Equal("object", tool.Parameters.GetProperty("type").GetString());
            Assert.NotEmpty(tool.Description);
            var required = tool.Parameters.GetProperty("required").EnumerateArray().Select(r => r.GetString()!);
            var properties = tool.Parameters.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Subset(properties, required.ToHashSet());
            Assert.Contains("delay_ms", properties);
        }
        Assert.Null(BenchTools.Find("nope"));
    }

    [Fact]
    public async Task The_requested_delay_is_really_waited()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await BenchTools.ExecuteAsync("calculator", """{"expression":"1+1","delay_ms":60}""", TestContext.Current.CancellationToken);

        Assert.Equal("2", result.Output);
        Assert.True(started.ElapsedMilliseconds >= 55, $"waited only {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_cancelled_delay_stops_the_tool()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BenchTools.ExecuteAsync("get_weather", """{"city":"Oslo","delay_ms":10000}""", cts.Token));
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(-0.0, "0")]
    [InlineData(-0.0000001, "0")]
    [InlineData(0.0078125, "0.007813")]
    [InlineData(-0.0078125, "-0.007813")]
    [InlineData(123456789012345.0, "123456789012345")]
    public void Numbers_print_the_same_way_in_every_language(double value, string expected)
    {
        Assert.True(ToolNumberFormat.TryFormat(value, out var text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(1e15)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Out_of_range_numbers_are_refused(double value)
    {
        Assert.False(ToolNumberFormat.TryFormat(value, out _));
    }
}
