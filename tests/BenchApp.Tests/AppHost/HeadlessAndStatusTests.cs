using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using BenchApp.AppHost;
using BenchApp.AppHost.Driver;

namespace BenchApp.Tests.AppHost;

public class HeadlessAndStatusTests
{
    private static CustomResourceSnapshot Snapshot(string state, int? exitCode = null) => new()
    {
        ResourceType = "Project",
        Properties = ImmutableArray<ResourcePropertySnapshot>.Empty,
        State = new ResourceStateSnapshot(state, null),
        ExitCode = exitCode,
    };

    [Theory]
    [InlineData("Running", null, null)]
    [InlineData("Starting", null, null)]
    [InlineData("Exited", 0, 0)]
    [InlineData("Exited", 99, 99)]
    [InlineData("Finished", 2, 2)]
    [InlineData("Exited", null, 1)]
    [InlineData("FailedToStart", null, 1)]
    public void Headless_runs_exit_with_the_drivers_code(string state, int? exitCode, int? expected)
    {
        Assert.Equal(expected, HeadlessRun.ExitCodeOf(Snapshot(state, exitCode)));
    }

    [Theory]
    [InlineData("python-adk", "python-adk")]
    [InlineData("python-adk-install", "python-adk")]
    [InlineData("python-adk-venv", "python-adk")]
    [InlineData("redis", null)]
    [InlineData("python-adkx", null)]
    public void Setup_steps_belong_to_their_executor(string resource, string? executor)
    {
        Assert.Equal(executor, ResourceFailureReporter.ExecutorOf(resource, ["python-adk", "dotnet-inproc"]));
    }

    [Fact]
    public void Only_failures_are_reported()
    {
        Assert.Null(ResourceFailureReporter.FailureOf("x", Snapshot("Running")));
        Assert.Null(ResourceFailureReporter.FailureOf("x-venv", Snapshot("Exited", 0)));

        var install = ResourceFailureReporter.FailureOf("python-adk-install", Snapshot("Exited", 1));
        Assert.NotNull(install);
        Assert.Equal(1, install.Value.ExitCode);
        Assert.Contains("python-adk-install exited with code 1", install.Value.Reason);
        Assert.NotNull(ResourceFailureReporter.FailureOf("dotnet-inproc", Snapshot("FailedToStart")));
    }

    [Fact]
    public void Settings_validation_names_each_bad_key()
    {
        var settings = new BenchAppSettings
        {
            Executors = "dotnet-inproc, python-nope",
            Iterations = 0,
            Llm = new LlmSettings { Mode = "provider", BaseUrl = "not a url", Model = " " },
        };

        var errors = BenchAppSettingsReader.Validate(settings);

        Assert.Contains(errors, e => e.Contains("BenchApp:Executors") && e.Contains("python-nope"));
        Assert.Contains(errors, e => e.Contains("BenchApp:Iterations"));
        Assert.Contains(errors, e => e.Contains("BenchApp:Llm:BaseUrl"));
        Assert.Contains(errors, e => e.Contains("BenchApp:Llm:Model"));
        Assert.Empty(BenchAppSettingsReader.Validate(new BenchAppSettings()));
    }

    [Fact]
    public void An_empty_executor_list_includes_every_executor()
    {
        Assert.True(new BenchAppSettings().IncludesExecutor("python-crewai"));
        Assert.False(new BenchAppSettings { Executors = "dotnet-inproc" }.IncludesExecutor("python-crewai"));
    }
}

public class ResourceLogTailsTests
{
    [Theory]
    [InlineData("2026-11-30T18:54:54.0930000Z ERROR: No matching distribution found for crewai==1.15.30", "ERROR: No matching distribution found for crewai==1.15.30")]
    [InlineData("   at Aspire.Hosting.Dcp.DcpExecutor.CreateAsync()", null)]
    [InlineData("2026-11-30T18:54:51.9410000Z [sys] Starting process...", null)]
    [InlineData("--- End of stack trace from previous location ---", null)]
    [InlineData("   ", null)]
    public void Reasons_quote_only_meaningful_lines(string line, string? expected)
    {
        Assert.Equal(expected, BenchApp.AppHost.Driver.ResourceLogTails.Meaningful(line));
    }
}
