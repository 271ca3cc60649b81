using BenchApp.LoadDriver.Discovery;
using BenchApp.LoadDriver.Serving;

namespace BenchApp.LoadDriver.Tests;

public sealed class ServingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("benchapp-serve-");

    private string Run(string name, bool withResults = true)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;
        if (withResults) File.WriteAllText(Path.Combine(dir, "results.json"), "{}");
        return dir;
    }

    [Fact]
    public void The_latest_run_is_the_newest_folder_with_results()
    {
        Run("2026-11-30T10-00-00Z");
        var newest = Run("2026-11-30T11-00-00Z");
        Run("2026-11-30T12-00-00Z", withResults: false);

        Assert.Equal(newest, ReportServer.LatestRun(_root.FullName));
        Assert.Null(ReportServer.LatestRun(Path.Combine(_root.FullName, "missing")));
    }

    [Theory]
    [InlineData("..", "results.json")]
    [InlineData("run", "../secret")]
    [InlineData("run", "a/b")]
    [InlineData("run", ".hidden")]
    [InlineData("run", "absent.json")]
    public void Only_plain_names_of_existing_files_are_served(string run, string file)
    {
        Run("run");

        Assert.Null(ReportServer.ResolveFile(_root.FullName, run, file));
    }

    [Fact]
    public void Existing_files_are_served()
    {
        var dir = Run("run");

        Assert.Equal(Path.Combine(dir, "results.json"), ReportServer.ResolveFile(_root.FullName, "run", "results.json"));
    }

    [Fact]
    public void The_report_page_escapes_the_report_and_shows_the_charts()
    {
        var dir = Run("2026-11-30T11-00-00Z");
        File.WriteAllText(Path.Combine(dir, "benchmark-results.md"), "| a <b> |\n");
        File.WriteAllText(Path.Combine(dir, "latency.svg"), "<svg/>");

        var html = ReportServer.RenderHtml(dir, lastExitCode: 99);

        Assert.Contains("| a &lt;b&gt; |", html);
        Assert.Contains("src=\"/results/2026-11-30T11-00-00Z/latency.svg\"", html);
        Assert.Contains("exit code of the last run: 99", html);
    }

    [Fact]
    public void AppHost_failure_reports_give_the_reason()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "python-adk.json"),
            """{"executor":"python-adk","state":"Exited","exit_code":1,"reason":"python-adk-install exited with code 1"}""");
        File.WriteAllText(Path.Combine(_root.FullName, "python-crewai.json"), "{half");

        Assert.Contains("python-adk-install exited with code 1", AppHostFailureReports.ReasonFor("python-adk", _root.FullName));
        Assert.Null(AppHostFailureReports.ReasonFor("python-crewai", _root.FullName));
        Assert.Null(AppHostFailureReports.ReasonFor("dotnet-inproc", _root.FullName));
        Assert.Null(AppHostFailureReports.ReasonFor("python-adk", directory: ""));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
