using System.Text.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;

namespace BenchApp.Tests.Contracts;

public class RunRequestValidatorTests
{
    [Fact]
    public void A_valid_request_has_no_errors()
    {
        Assert.Empty(RunRequestValidator.Validate(new RunRequest { Message = "hi", SessionId = "abc_DEF-123", MaxIterations = 50 }));
        Assert.Empty(RunRequestValidator.Validate(new RunRequest { Message = "tabs\tand\nnewlines\r ok" }));
    }

    [Theory]
    [InlineData(null, "Is required.")]
    [InlineData("", "Must not be empty.")]
    [InlineData("   \n", "Must not be empty.")]
    [InlineData("bell\u0007", "control characters")]
    [InlineData("nul\0", "control characters")]
    [InlineData("c1\u0085", "control characters")]
    public void Bad_messages_name_the_field(string? message, string expected)
    {
        var errors = RunRequestValidator.Validate(new RunRequest { Message = message });

        var error = Assert.Single(errors);
        Assert.Equal("message", error.Key);
        Assert.Contains(expected, error.Value[0]);
    }

    [Theory]
    [InlineData('\ud800')]
    [InlineData('\udc00')]
    public void Unpaired_surrogates_are_refused(char surrogate)
    {
        // Built at run time: attribute strings cannot hold a lone surrogate.
        var errors = RunRequestValidator.Validate(new RunRequest { Message = "bad " + surrogate + " text" });

        Assert.Contains("unpaired surrogate", Assert.Single(errors).Value[0]);
    }

    [Fact]
    public void Paired_surrogates_are_fine()
    {
        Assert.Empty(RunRequestValidator.Validate(new RunRequest { Message = "emoji 😀 ok" }));
    }

    [Fact]
    public void Message_size_is_counted_in_utf8_bytes()
    {
        var atLimit = new string('é', ContractLimits.MaxMessageUtf8Bytes / 2);
        var overLimit = atLimit + "a";

        Assert.Empty(RunRequestValidator.Validate(new RunRequest { Message = atLimit }));
        Assert.Equal("message", Assert.Single(RunRequestValidator.Validate(new RunRequest { Message = overLimit })).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("trailing-newline\n")]
    [InlineData("ünïcode")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void Bad_session_ids_name_the_field(string sessionId)
    {
        var errors = RunRequestValidator.Validate(new RunRequest { Message = "hi", SessionId = sessionId });

        Assert.Equal("session_id", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    [InlineData(-5)]
    public void Max_iterations_out_of_range_names_the_field(int max)
    {
        var errors = RunRequestValidator.Validate(new RunRequest { Message = "hi", MaxIterations = max });

        Assert.Equal("max_iterations", Assert.Single(errors).Key);
    }

    [Fact]
    public void Several_errors_are_reported_together()
    {
        var errors = RunRequestValidator.Validate(new RunRequest { Message = "", SessionId = "!", MaxIterations = 0 });

        Assert.Equal(["max_iterations", "message", "session_id"], errors.Keys.Order());
    }

    [Fact]
    public void Wire_names_are_snake_case()
    {
        var response = new RunResponse
        {
            SessionId = "s1", Output = "ok", StopReason = StopReasons.Completed, Iterations = 2, LlmCalls = 2, ToolCalls = 1,
            Usage = new RunUsage(10, 5), TimingsMs = new RunTimings(3.5, 2, 1, 0.25),
        };

        var json = JsonSerializer.Serialize(response, ContractJson.Options);

        Assert.Equal(
            """{"session_id":"s1","output":"ok","stop_reason":"completed","iterations":2,"llm_calls":2,"tool_calls":1,"usage":{"input_tokens":10,"output_tokens":5},"timings_ms":{"total":3.5,"llm":2,"tool":1,"state":0.25}}""",
            json);
        Assert.Equal(response, JsonSerializer.Deserialize<RunResponse>(json, ContractJson.Options));
    }

    [Fact]
    public void Problem_bodies_carry_the_field_errors()
    {
        var problem = ProblemBody.Validation(new Dictionary<string, string[]> { ["max_iterations"] = ["Must be between 1 and 50."] });

        var json = JsonSerializer.Serialize(problem, ContractJson.Options);

        Assert.Contains("\"status\":400", json);
        Assert.Contains("\"errors\":{\"max_iterations\":[\"Must be between 1 and 50.\"]}", json);
        Assert.Contains("max_iterations: Must be between 1 and 50.", problem.Detail);
    }
}
