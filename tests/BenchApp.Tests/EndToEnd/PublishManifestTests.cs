using System.Text.Json;
using BenchApp.TestSupport;

namespace BenchApp.Tests.EndToEnd;

/// <summary>What azd deploys: the publish manifest has only projects and containers, and never a secret's value.</summary>
public sealed class PublishManifestTests
{
    private const string Secret = "sk-test-SECRET-4f1c9a";

    [Fact]
    public async Task Manifest_has_only_projects_and_containers_and_no_secret()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Directory.CreateTempSubdirectory("benchapp-manifest-");
        try
        {
            var manifest = Path.Combine(output.FullName, "aspire-manifest.json");
            await using var apphost = ChildProcess.Start("dotnet",
                [RepoPaths.BuiltDll("BenchApp.AppHost"), "--publisher", "manifest", "--output-path", manifest,
                 "--BenchApp:Llm:Mode=provider", "--BenchApp:Llm:BaseUrl=https://llm.example.com/v1", $"--Parameters:llm-api-key={Secret}"]);
            var exitCode = await apphost.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, apphost.Output);

            var text = await File.ReadAllTextAsync(manifest, ct);
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(Secret, apphost.Output);

            using var doc = JsonDocument.Parse(text);
            var types = doc.RootElement.GetProperty("resources").EnumerateObject()
                .ToDictionary(r => r.Name, r => r.Value.GetProperty("type").GetString()!);
            Assert.DoesNotContain(types, t => t.Value.StartsWith("executable", StringComparison.Ordinal));

            // Everything that runs is a project or a container; the rest are inputs (parameters, values).
            foreach (var (name, type) in types.Where(t => !t.Value.StartsWith("parameter", StringComparison.Ordinal)
                                                          && !t.Value.StartsWith("value", StringComparison.Ordinal)
                                                          && !t.Value.StartsWith("annotated", StringComparison.Ordinal)))
                Assert.True(type.StartsWith("project", StringComparison.Ordinal) || type.StartsWith("container", StringComparison.Ordinal), $"{name} is {type}");

            Assert.StartsWith("container", types["temporal"]);
            Assert.StartsWith("container", types["redis"]);
            foreach (var python in (string[])["python-baseline", "python-langgraph", "python-adk", "python-crewai"])
                Assert.StartsWith("container", types[python]);
            foreach (var project in (string[])["dotnet-temporal", "dotnet-inproc", "load-driver"])
                Assert.StartsWith("project", types[project]);
            Assert.Equal("parameter.v0", types["llm-api-key"]);
            Assert.True(doc.RootElement.GetProperty("resources").GetProperty("llm-api-key").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
