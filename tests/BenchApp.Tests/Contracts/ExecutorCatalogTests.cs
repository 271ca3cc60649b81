using System.Text.Json;
using System.Text.RegularExpressions;
using BenchApp.Contracts.Executors;
using BenchApp.TestSupport;

namespace BenchApp.Tests.Contracts;

/// <summary>The executor catalogue is the one list: the AppHost, the driver and README agree with it.</summary>
public partial class ExecutorCatalogTests
{
    [Fact]
    public void The_catalogue_lists_each_executor_once_with_a_start_of_its_kind()
    {
        Assert.Contains("dotnet-temporal", ExecutorCatalog.Names);
        Assert.Contains("node-langgraph", ExecutorCatalog.Names);
        Assert.Equal(ExecutorCatalog.Names.Distinct(), ExecutorCatalog.Names);
        foreach (var entry in ExecutorCatalog.All)
        {
            Assert.Matches("^[a-z][a-z0-9-]*$", entry.Name);
            Assert.Contains(ExecutorCatalog.NeedsLlm, entry.Needs);
            switch (entry.Start.Kind)
            {
                case ExecutorCatalog.Python:
                    Assert.True(File.Exists(RepoPaths.Combine("python-executors", entry.Start.Requirements!)), $"{entry.Name}: {entry.Start.Requirements} missing");
                    Assert.True(Directory.Exists(RepoPaths.Combine("python-executors", entry.Start.Module!)), $"{entry.Name}: module {entry.Start.Module} missing");
                    break;
                case ExecutorCatalog.Node:
                    Assert.True(File.Exists(RepoPaths.Combine(entry.Start.Package!, "package.json")), $"{entry.Name}: {entry.Start.Package}/package.json missing");
                    break;
            }
        }
    }

    [Fact]
    public void The_readme_table_names_every_executor_of_the_catalogue_with_its_summary()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var rows = ReadmeRow().Matches(readme).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["summary"].Value.Trim());
        foreach (var entry in ExecutorCatalog.All)
        {
            Assert.True(rows.TryGetValue(entry.Name, out var summary), $"README's executor table has no row for {entry.Name}");
            Assert.Equal(entry.Summary, summary);
        }
    }

    [Theory]
    [InlineData("""{"executors":[{"name":"x","language":"go","framework":"none","summary":"s","start":{"kind":"go"},"needs":["llm"]}]}""", "'x': start.kind 'go' is not one of dotnet, python, node")]
    [InlineData("""{"executors":[{"name":"x","language":"python","framework":"none","summary":"s","start":{"kind":"python","module":"m"},"needs":["llm"]}]}""", "'x': a python executor needs start.requirements")]
    [InlineData("""{"executors":[{"name":"x","language":"csharp","framework":"none","summary":"s","start":{"kind":"dotnet","executor":"k"},"needs":["kafka"]}]}""", "'x': needs 'kafka' is not one of llm, redis, temporal")]
    [InlineData("""{"executors":[{"name":"x","language":"csharp","framework":"none","summary":"","start":{"kind":"dotnet","executor":"k"},"needs":[]}]}""", "'x': 'summary' must be a non-empty string")]
    public void A_bad_entry_names_the_executor_and_the_field(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<InvalidDataException>(() => ExecutorCatalog.Parse(doc.RootElement));
        Assert.Contains(message, e.Message);
    }

    // `| `name` | summary |` rows of README's resource table.
    [GeneratedRegex(@"^\| `(?<name>[a-z0-9-]+)` \| (?<summary>.+) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();
}
