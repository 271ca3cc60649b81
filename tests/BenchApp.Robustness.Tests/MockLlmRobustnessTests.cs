using System.Text.Json;
using BenchApp.TestSupport;

namespace BenchApp.Robustness.Tests;

/// <summary>The real mock LLM, started once for this class.</summary>
public sealed class MockLlmHost : IAsyncLifetime
{
    private MockLlmServer? _server;
    public string? SkipReason { get; private set; }
    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        SkipReason = MockLlmServer.UnavailableReason();
        if (SkipReason is not null) return;
        _server = await MockLlmServer.StartAsync();
        Http = new HttpClient { BaseAddress = _server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// <see cref="MockLlmCases"/> against the real mock LLM: 400 (never 500) in each provider's error shape, the
/// field named where there is one, no stack trace, /health 200 afterwards; a refused admin PUT changes nothing.
/// </summary>
public sealed class MockLlmRobustnessTests(MockLlmHost host, ITestOutputHelper output) : IClassFixture<MockLlmHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(BadInputCase Case, Answer Answer)> SendAsync(IReadOnlyList<BadInputCase> cases, string name, string path)
    {
        if (host.SkipReason is { } reason) Assert.Skip(reason);
        var @case = cases.Single(c => c.Name == name);
        var answer = await Probe.SendAsync(host.Http, path, @case, Cancel);
        output.WriteLine($"mock-llm {path} {@case.Name}: {answer}");
        return (@case, answer);
    }

    [Theory]
    [MemberData(nameof(MockLlmCases.OpenAiNames), MemberType = typeof(MockLlmCases))]
    public async Task OpenAi_chat_completions_refuses_bad_input_in_the_OpenAI_error_shape(string name)
    {
        var (@case, answer) = await SendAsync(MockLlmCases.OpenAi, name, MockLlmCases.OpenAiPath);
        await Probe.ExpectAsync(@case, answer, host.Http, "mock-llm", () => ExpectOpenAi(@case, answer), Cancel);
    }

    private static void ExpectOpenAi(BadInputCase @case, Answer answer)
    {
        Probe.AssertNoStackTrace(answer);
        Probe.AssertStatus(@case, answer);
        var json = answer.Json();
        if (@case.IsSuccess)
        {
            Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        }
        else
        {
            Assert.True(json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object, $"no error object: {answer}");
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), $"empty error.message: {answer}");
            Assert.True(error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String, $"no error.type: {answer}");
            if (answer.Status == 400) Assert.Equal("invalid_request_error", type.GetString());
            if (@case.Field is { } field)
            {
                var param = error.TryGetProperty("param", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : "";
                Assert.True(param!.Contains(field, StringComparison.OrdinalIgnoreCase) || error.GetProperty("message").GetString()!.Contains(field, StringComparison.OrdinalIgnoreCase),
                    $"{@case.Name}: neither error.param nor error.message names '{field}': {answer}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(MockLlmCases.AnthropicNames), MemberType = typeof(MockLlmCases))]
    public async Task Anthropic_messages_refuses_bad_input_in_the_Anthropic_error_shape(string name)
    {
        var (@case, answer) = await SendAsync(MockLlmCases.Anthropic, name, MockLlmCases.AnthropicPath);
        await Probe.ExpectAsync(@case, answer, host.Http, "mock-llm", () => ExpectAnthropic(@case, answer), Cancel);
    }

    private static void ExpectAnthropic(BadInputCase @case, Answer answer)
    {
        Probe.AssertNoStackTrace(answer);
        Probe.AssertStatus(@case, answer);
        var json = answer.Json();
        if (@case.IsSuccess)
        {
            Assert.Equal("message", json.GetProperty("type").GetString());
        }
        else
        {
            Assert.True(json.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "error",
                $"not the Anthropic error shape {{type: error, error: {{...}}}}: {answer}");
            var error = json.GetProperty("error");
            var message = error.GetProperty("message").GetString();
            Assert.False(string.IsNullOrWhiteSpace(message), $"empty error.message: {answer}");
            if (answer.Status == 400) Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            if (@case.Field is { } field)
                Assert.True(message!.Contains(field, StringComparison.OrdinalIgnoreCase), $"{@case.Name}: error.message does not name '{field}': {answer}");
        }
    }

    [Theory]
    [MemberData(nameof(MockLlmCases.GeminiNames), MemberType = typeof(MockLlmCases))]
    public async Task Gemini_generate_content_refuses_bad_input_in_googles_error_shape(string name)
    {
        var (@case, answer) = await SendAsync(MockLlmCases.Gemini, name, MockLlmCases.GeminiPath);
        await Probe.ExpectAsync(@case, answer, host.Http, "mock-llm", () => ExpectGemini(@case, answer), Cancel);
    }

    private static void ExpectGemini(BadInputCase @case, Answer answer)
    {
        Probe.AssertNoStackTrace(answer);
        Probe.AssertStatus(@case, answer);
        var json = answer.Json();
        if (@case.IsSuccess)
        {
            Assert.True(json.TryGetProperty("candidates", out var candidates) && candidates.GetArrayLength() == 1, $"no candidate: {answer}");
            return;
        }
        Assert.True(json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object, $"not Google's error shape {{error: {{code, message, status}}}}: {answer}");
        Assert.Equal(answer.Status, error.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.String, error.GetProperty("status").ValueKind);
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message), $"empty error.message: {answer}");
        if (answer.Status == 400) Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        if (@case.Field is { } field)
        {
            var fields = error.TryGetProperty("details", out var details)
                ? details.EnumerateArray().Where(d => d.TryGetProperty("fieldViolations", out _))
                    .SelectMany(d => d.GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()!))
                : [];
            Assert.True(message!.Contains(field, StringComparison.OrdinalIgnoreCase) || fields.Any(f => f.Contains(field, StringComparison.OrdinalIgnoreCase)),
                $"{@case.Name}: neither error.message nor a field violation names '{field}': {answer}");
        }
    }

    [Theory]
    [MemberData(nameof(MockLlmCases.AdminConfigNames), MemberType = typeof(MockLlmCases))]
    public async Task Admin_config_refuses_bad_input_with_a_problem_and_keeps_the_model_in_force(string name)
    {
        if (host.SkipReason is { } reason) Assert.Skip(reason);
        var before = await host.Http.GetStringAsync(MockLlmCases.AdminConfigPath, Cancel);
        var @case = MockLlmCases.AdminConfig.Single(c => c.Name == name) with { Method = "PUT" };
        var answer = await Probe.SendAsync(host.Http, MockLlmCases.AdminConfigPath, @case, Cancel);
        output.WriteLine($"mock-llm PUT /admin/config {@case.Name}: {answer}");

        Probe.AssertNoStackTrace(answer);
        Probe.AssertStatus(@case, answer);
        Assert.True(answer.MediaType == "application/problem+json", $"not problem+json: {answer}");
        var problem = answer.Json();
        Assert.Equal(answer.Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (@case.Field is { } field)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, $"no errors naming {field}: {answer}");
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Contains(field, StringComparison.OrdinalIgnoreCase)),
                $"{@case.Name}: errors keys {string.Join(",", errors.EnumerateObject().Select(e => e.Name))} do not name '{field}': {answer}");
        }
        Assert.Equal(before, await host.Http.GetStringAsync(MockLlmCases.AdminConfigPath, Cancel));
        await Probe.AssertHealthyAsync(host.Http, "mock-llm", Cancel);
    }
}
