using BenchApp.Contracts.Directives;

namespace BenchApp.Tests.Contracts;

public class BenchDirectiveTests
{
    [Fact]
    public void Parses_every_key()
    {
        var d = BenchDirective.Parse("hello\n#bench tool_calls=6 reply_tokens=40 parallel=3 tool=calculator tool_delay_ms=25 run=r-1\nmore");

        Assert.NotNull(d);
        Assert.Equal(6, d.ToolCalls);
        Assert.Equal(40, d.ReplyTokens);
        Assert.Equal(3, d.Parallel);
        Assert.Equal("calculator", d.Tool);
        Assert.Equal(25, d.ToolDelayMs);
        Assert.Equal("r-1", d.Run);
        Assert.Equal(2, d.ToolSteps);
        Assert.Equal(3, d.ExpectedLlmCalls);
    }

    [Fact]
    public void Defaults_apply_to_missing_keys()
    {
        var d = BenchDirective.Parse("#bench");

        Assert.NotNull(d);
        Assert.Equal(0, d.ToolCalls);
        Assert.Equal(BenchDirective.DefaultReplyTokens, d.ReplyTokens);
        Assert.Equal(1, d.ExpectedLlmCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("What is the weather in Paris?")]
    [InlineData("#benchmark tool_calls=3")]
    [InlineData("say hi#bench tool_calls=3")]
    [InlineData("##bench tool_calls=3")]
    public void No_directive_line_gives_null_without_error(string? message)
    {
        Assert.True(BenchDirective.TryParse(message, out var d, out var error));
        Assert.Null(d);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("\nCurrent Task: #bench tool_calls=2 reply_tokens=5 run=c1\n\nThis is the expected criteria", 2, "c1")]
    [InlineData("Task:#bench tool_calls=2 run=c1", 2, "c1")]
    [InlineData("  \t#bench tool_calls=2 run=c1\r\nWeather?", 2, "c1")]
    [InlineData("not ##bench or x#bench\n#bench tool_calls=2 run=c1", 2, "c1")]
    public void A_directive_may_start_anywhere_on_a_line_after_a_framework_prefix(string message, int toolCalls, string run)
    {
        var d = BenchDirective.Parse(message);
        Assert.NotNull(d);
        Assert.Equal(toolCalls, d.ToolCalls);
        Assert.Equal(run, d.Run);
    }

    [Theory]
    [InlineData("say #bench tool_calls=3 inline", "'inline' is not key=value")]
    [InlineData("Current Task: \"#bench tool_calls=3\"", "tool_calls")]
    [InlineData("#bench tool_calls=51", "tool_calls")]
    [InlineData("#bench tool_calls=-1", "tool_calls")]
    [InlineData("#bench reply_tokens=0", "reply_tokens")]
    [InlineData("#bench reply_tokens=abc", "reply_tokens")]
    [InlineData("#bench tool_calls=2 parallel=3", "parallel")]
    [InlineData("#bench parallel=17", "parallel")]
    [InlineData("#bench tool_delay_ms=10001", "tool_delay_ms")]
    [InlineData("#bench colour=blue", "unknown key 'colour'")]
    [InlineData("#bench tool_calls=1 tool_calls=2", "given twice")]
    [InlineData("#bench tool_calls", "not key=value")]
    [InlineData("#bench tool=get weather", "not key=value")]
    [InlineData("#bench tool=get.weather", "not a tool name")]
    [InlineData("#bench run=a/b", "run")]
    [InlineData("#bench tool_calls=+3", "tool_calls")]
    public void Malformed_directives_are_rejected_naming_the_problem(string message, string expected)
    {
        Assert.False(BenchDirective.TryParse(message, out var d, out var error));
        Assert.Null(d);
        Assert.Contains(expected, error);
        Assert.Throws<FormatException>(() => BenchDirective.Parse(message));
    }

    [Fact]
    public void Format_round_trips()
    {
        var original = new BenchDirective { ToolCalls = 4, ReplyTokens = 9, Parallel = 2, Tool = "get_weather", ToolDelayMs = 5, Run = "abc" };

        var text = original.ToString();

        Assert.Equal("#bench tool_calls=4 reply_tokens=9 parallel=2 tool=get_weather tool_delay_ms=5 run=abc", text);
        Assert.Equal(original, BenchDirective.Parse(text));
        Assert.Equal(original, BenchDirective.Parse(original.ToMessage("What now?")));
    }

    [Fact]
    public void Format_leaves_out_defaults()
    {
        Assert.Equal("#bench tool_calls=0 reply_tokens=16", new BenchDirective().ToString());
    }
}
