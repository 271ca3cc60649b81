using System.Net;
using System.Text;
using System.Text.Json;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

/// <summary>
/// Every case of every <c>contracts/framework-requests/*.json</c> (what a framework really sends, written from
/// its source) sent to the real mock on loopback: status 200, the expected reply kind and tool-call count,
/// and each call's arguments valid for the schema the request offered. A file that does not parse or has no
/// cases fails, naming the file.
/// </summary>
public sealed class FrameworkRequestFixtureTests(MockLlmServer server, ITestOutputHelper output) : IClassFixture<MockLlmServer>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>(file, case) rows; an unusable file is one row with an empty case name, which fails with the reason.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in FrameworkFixtures.Files())
        {
            var (cases, error) = FrameworkFixtures.Load(Path.Combine(FrameworkFixtures.Folder(), file));
            if (error is not null) data.Add(file, "");
            else foreach (var c in cases) data.Add(file, c.Name);
        }
        return data;
    }

    [Fact]
    public void The_fixture_folder_holds_fixtures()
    {
        Assert.True(FrameworkFixtures.Files().Count > 0, $"no *.json in {FrameworkFixtures.Folder()}: nothing would be checked");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_mock_answers_what_the_framework_sends_as_expected(string file, string name)
    {
        var (cases, error) = FrameworkFixtures.Load(Path.Combine(FrameworkFixtures.Folder(), file));
        Assert.True(error is null, error);
        var @case = cases.Single(c => c.Name == name);
        var at = $"{file} / {name}";

        using var http = server.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, @case.Path.TrimStart('/'))
        {
            Content = new StringContent(@case.Request.GetRawText(), Encoding.UTF8, "application/json"),
        };
        foreach (var (header, value) in @case.Headers)
            if (!header.Equals("content-type", StringComparison.OrdinalIgnoreCase)) request.Headers.TryAddWithoutValidation(header, value);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        output.WriteLine($"{at}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{at}: HTTP {(int)response.StatusCode}: {body}");

        var stream = ProviderReplies.IsStream(@case.Protocol, @case.Path, @case.Request);
        ReadReply reply;
        try
        {
            reply = ProviderReplies.Read(@case.Protocol, stream, body);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{at}: the reply could not be read as {@case.Protocol}{(stream ? " (stream)" : "")}: {e.Message}\n{body}");
        }

        Assert.True(reply.Kind == @case.ExpectReply, $"{at}: expected a {@case.ExpectReply} reply, got {reply.Kind}: {body}");
        if (@case.ExpectReply == "final") Assert.True(reply.Text.Length > 0, $"{at}: the final answer is empty");
        if (@case.ExpectCount is { } count) Assert.True(reply.ToolCalls.Count == count, $"{at}: expected {count} tool call(s), got {reply.ToolCalls.Count}");
        foreach (var call in reply.ToolCalls)
        {
            var schema = ProviderReplies.OfferedSchema(@case.Protocol, @case.Request, call.Name);
            Assert.True(schema is not null, $"{at}: the reply calls '{call.Name}', which the request does not offer");
            var errors = Schemas.Validate(schema.Value, call.Arguments);
            Assert.True(errors.Count == 0, $"{at}: {call.Name}({call.Arguments}) is not valid for the offered schema: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [InlineData("{ not json", "does not parse")]
    [InlineData("""{"framework":"x","protocol":"openai-chat","cases":[]}""", "non-empty")]
    [InlineData("""{"framework":"x","protocol":"openai-chat"}""", "non-empty")]
    [InlineData("""{"framework":"x","protocol":"soap","cases":[{}]}""", "protocol")]
    [InlineData("""{"framework":"x","protocol":"gemini","cases":[{"name":"a","path":"/v1beta/models/m:generateContent","request":{},"expect":{"reply":"maybe"}}]}""", "expect.reply")]
    [InlineData("""{"framework":"x","protocol":"gemini","cases":[{"name":"a","path":"/p","request":{},"expect":{"reply":"final"}},{"name":"a","path":"/p","request":{},"expect":{"reply":"final"}}]}""", "twice")]
    public void An_unusable_fixture_file_is_an_error_naming_the_file(string text, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-fixture-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            var (cases, error) = FrameworkFixtures.Load(path);
            Assert.Empty(cases);
            Assert.NotNull(error);
            Assert.Contains(Path.GetFileName(path), error);
            Assert.Contains(expected, error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
