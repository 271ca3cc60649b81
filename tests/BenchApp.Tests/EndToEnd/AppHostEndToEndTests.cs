using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BenchApp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BenchApp.Tests.EndToEnd;

/// <summary>
/// The real AppHost, started the way a user starts it (dashboard mode, quick suite): infrastructure, mock LLM,
/// the executors that can run here, and the load driver, which writes results.json and then serves the report.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostEndToEndTests
{
    private static readonly string[] Scenarios = ["simple-chat", "tool-execution", "multi-turn", "agent-loop", "concurrent"];

    [Fact]
    public async Task AppHost_runs_the_quick_suite_and_reports_what_cannot_run_here()
    {
        if (RedisServer.UnavailableReason() is { } noRedis) Assert.Skip(noRedis);
        var ct = TestContext.Current.CancellationToken;
        var results = Directory.CreateTempSubdirectory("benchapp-apphost-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.BenchApp_AppHost>(
                ["--BenchApp:Quick=true", $"--BenchApp:Results={results.FullName}", "--Infrastructure:Temporal:Mode=auto",
                 // Two that run here and two that may not (Temporal, a PyPI framework): the wiring, not every executor's numbers.
                 "--BenchApp:Executors=dotnet-temporal,dotnet-inproc,python-baseline,python-crewai"], ct);
            await using var app = await builder.BuildAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(12));
            await app.StartAsync(timeout.Token);

            foreach (var resource in (string[])["redis", "mock-llm", "dotnet-inproc", "python-baseline"])
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);

            var file = await WaitForCompleteResultsAsync(app, results.FullName, timeout.Token);

            foreach (var executor in (string[])["dotnet-inproc", "python-baseline"])
            {
                Assert.True(file.Executors[executor].Available, $"{executor}: {file.Executors[executor].Reason}");
                foreach (var scenario in Scenarios)
                {
                    var row = Assert.Single(file.Scenarios, s => s.Executor == executor && s.Scenario == scenario);
                    Assert.True(row.Ok > 0 && row.Errors == 0, $"{executor} {scenario}: {row.Ok} ok, {row.Errors} errors");
                }
            }

            // What cannot run here is listed with a reason, and did not stop the rest.
            foreach (var (name, (available, reason)) in file.Executors.Where(e => !e.Value.Available))
            {
                Assert.False(string.IsNullOrWhiteSpace(reason), $"{name} is unavailable without a reason");
                Assert.DoesNotContain(file.Scenarios, s => s.Executor == name);
            }
            if (ExecutableSearch.Find("temporal") is null && Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is null)
                Assert.Contains("Temporal", file.Executors["dotnet-temporal"].Reason);

            // After the run the driver stays up and serves the report the dashboard links to.
            using var http = app.CreateHttpClient("load-driver", "http");
            var report = await http.GetStringAsync("/report", timeout.Token);
            Assert.Contains("Benchmark results", report);

            // The dashboard command runs one scenario again: a new results folder with only that scenario.
            var commands = app.Services.GetRequiredService<ResourceCommandService>();
            var command = await commands.ExecuteCommandAsync("load-driver", "run-simple-chat", timeout.Token);
            Assert.True(command.Success, command.Message);
            var rerun = await WaitForCompleteResultsAsync(app, results.FullName, timeout.Token, after: file.Path);
            Assert.Equal(["simple-chat"], rerun.Scenarios.Select(s => s.Scenario).Distinct());
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    private static async Task<ResultsFile> WaitForCompleteResultsAsync(DistributedApplication app, string root, CancellationToken cancellationToken, string? after = null)
    {
        while (true)
        {
            if (ResultsFile.Latest(root) is { Status: "complete" } file && file.Path != after) return file;
            // In dashboard mode the driver serves its report after a run; if it ended instead, the run failed.
            if (app.ResourceNotifications.TryGetCurrentState("load-driver", out var driver)
                && driver.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart")
                Assert.Fail($"load-driver ended ({driver.Snapshot.State?.Text}, exit code {driver.Snapshot.ExitCode}) before writing complete results.");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
