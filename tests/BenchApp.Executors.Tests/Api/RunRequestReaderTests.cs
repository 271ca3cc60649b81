using System.Text;
using System.Text.Json;
using BenchApp.Contracts;
using BenchApp.Contracts.Runs;
using BenchApp.Executors.Api;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Tests.Api;

public class RunRequestReaderTests
{
    private static (ValidRunRequest? Request, ProblemBody? Problem) Read(string json) => RunRequestReader.Read(Encoding.UTF8.GetBytes(json));

    private static Dictionary<string, string[]> Errors(string json)
    {
        var (request, problem) = Read(json);
        Assert.Null(request);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.Equal("https://benchapp.dev/problems/validation", problem.Type);
        return problem.Errors!.ToDictionary();
    }

    [Fact]
    public void A_minimal_request_gets_the_defaults()
    {
        var (request, problem) = Read("""{"message":"hi"}""");
        Assert.Null(problem);
        Assert.Equal(new ValidRunRequest("hi", null, 10), request);
    }

    [Fact]
    public void Nulls_mean_absent_and_unknown_fields_are_ignored()
    {
        var (request, _) = Read("""{"extra":{"deep":[1,2,{"x":null}]},"message":"hi","session_id":null,"max_iterations":null,"more":true}""");
        Assert.Equal(new ValidRunRequest("hi", null, 10), request);
    }

    [Fact]
    public void All_fields_are_read()
    {
        var (request, _) = Read("""{"message":"#bench tool_calls=2\nhi","session_id":"abc_DEF-123","max_iterations":50}""");
        Assert.Equal(new ValidRunRequest("#bench tool_calls=2\nhi", "abc_DEF-123", 50), request);
    }

    [Theory]
    [InlineData("", "Malformed JSON.")]
    [InlineData("{\"message\":\"hi\"", "Malformed JSON.")]
    [InlineData("{\"message\":\"hi\"} {}", "Malformed JSON.")]
    [InlineData("{'message':'hi'}", "Malformed JSON.")]
    [InlineData("[1,2", "Malformed JSON.")]
    [InlineData("{\"max_iterations\":NaN,\"message\":\"hi\"}", "Malformed JSON.")]
    [InlineData("[]", "A JSON object is required.")]
    [InlineData("\"hi\"", "A JSON object is required.")]
    [InlineData("null", "A JSON object is required.")]
    public void Bad_documents_name_the_body(string json, string message) =>
        Assert.Equal(new Dictionary<string, string[]> { ["body"] = [message] }, Errors(json));

    [Fact]
    public void Invalid_utf8_names_the_body()
    {
        var (_, problem) = RunRequestReader.Read([(byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        Assert.Equal(["Must be valid UTF-8."], problem!.Errors!["body"]);
    }

    [Fact]
    public void A_body_over_the_limit_names_the_body()
    {
        var big = "{\"message\":\"" + new string('a', ContractLimits.MaxBodyBytes) + "\"}";
        Assert.Equal(["Must be at most 131072 bytes."], Errors(big)["body"]);
    }

    [Theory]
    [InlineData("{\"message\":42}", "message", "Must be a string.")]
    [InlineData("{\"message\":[\"hi\"]}", "message", "Must be a string.")]
    [InlineData("{}", "message", "Is required.")]
    [InlineData("{\"message\":\"   \"}", "message", "Must not be empty.")]
    [InlineData("{\"message\":\"a\\u0000b\"}", "message", "Must not contain control characters (found U+0000).")]
    [InlineData("{\"message\":\"a\\ud800b\"}", "message", "Must be valid Unicode (unpaired surrogate).")]
    [InlineData("{\"message\":\"hi\",\"session_id\":7}", "session_id", "Must be a string.")]
    [InlineData("{\"message\":\"hi\",\"session_id\":\"has space\"}", "session_id", "Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":\"5\"}", "max_iterations", "Must be an integer.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":2.5}", "max_iterations", "Must be an integer.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":true}", "max_iterations", "Must be an integer.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":0}", "max_iterations", "Must be between 1 and 50.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":51}", "max_iterations", "Must be between 1 and 50.")]
    [InlineData("{\"message\":\"hi\",\"max_iterations\":99999999999999999999}", "max_iterations", "Must be between 1 and 50.")]
    public void Each_bad_field_is_named_with_its_message(string json, string field, string message) =>
        Assert.Equal(new Dictionary<string, string[]> { [field] = [message] }, Errors(json));

    [Fact]
    public void Several_bad_fields_are_all_named_in_contract_order()
    {
        var (_, problem) = Read("""{"max_iterations":0,"session_id":"bad id","message":""}""");
        Assert.Equal(["message", "session_id", "max_iterations"], problem!.Errors!.Keys);
        Assert.Equal("message: Must not be empty. session_id: Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'. max_iterations: Must be between 1 and 50.", problem.Detail);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_json_content_types_are_accepted(string? contentType, bool accepted) =>
        Assert.Equal(accepted, RunRequestReader.IsJsonContentType(contentType));

    [Fact]
    public void Responses_are_written_exactly_as_the_contract_serializer_writes_them()
    {
        var response = RunResponses.Create("s1", new TurnResult("out", "completed", 2, 2, 1, 200, 50, 1.23456, 0.5), 3.4567891, 0.1234567);
        var ours = JsonSerializer.Serialize(response, ExecutorJsonContext.Default.RunResponse);
        Assert.Equal(JsonSerializer.Serialize(response, ContractJson.Options), ours);
        Assert.Contains("\"timings_ms\":{\"total\":3.457,\"llm\":1.235,\"tool\":0.5,\"state\":0.123}", ours);

        var problem = Problems.SessionNotFound("abc");
        Assert.Equal(JsonSerializer.Serialize(problem, ContractJson.Options), JsonSerializer.Serialize(problem, ExecutorJsonContext.Default.ProblemBody));
    }
}
