using BenchApp.LoadDriver.Suite;
using Spectre.Console.Cli;

namespace BenchApp.LoadDriver.Cli;

public static class CommandAppExtensions
{
    /// <summary>The driver's commands: run, compare, report, selftest.</summary>
    public static IConfigurator AddBenchCommands(this IConfigurator config)
    {
        config.SetApplicationName("BenchApp.LoadDriver");
        config.AddCommand<RunCommand>("run")
            .WithDescription("Benchmark the executors; write results/<timestamp>/ (results.json, benchmark-results.md, charts).")
            .WithExample("run", "--quick")
            .WithExample("run", "--scenario", "simple-chat", "--iterations", "500")
            .WithExample("run", "--executor", "dotnet-inproc=http://localhost:5101", "--mock-llm", "http://localhost:5100");
        config.AddCommand<CompareCommand>("compare")
            .WithDescription("Compare two runs per executor and scenario; exit code 99 when something regressed.")
            .WithExample("compare", "results/20260101T000000Z", "results/20260102T000000Z");
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Rebuild benchmark-results.md and the charts from a results folder's results.json.");
        config.AddCommand<SelfTestCommand>("selftest")
            .WithDescription("Measure the driver itself against a trivial endpoint (the mock's /alive): its latency floor and maximum rate.");
        config.SetExceptionHandler((exception, _) =>
        {
            Console.Error.WriteLine(exception is CommandAppException ? $"Error: {NameTheFlag(exception.Message)}" : exception.ToString());
            return ExitCodes.Failed;
        });
        return config;
    }

    /// <summary>Spectre says "Failed to convert 'abc' to Nullable`1"; say which flag got the bad value instead.</summary>
    private static string NameTheFlag(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert '(?<value>.*)' to (?<type>.+?)\\.?$");
        if (!match.Success) return message;
        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, match.Groups["value"].Value);
        var flag = at > 0 && args[at - 1].StartsWith('-') ? args[at - 1] : "an option";
        var type = match.Groups["type"].Value.Contains("Int") ? "an integer" : "a number";
        return $"{flag}: '{match.Groups["value"].Value}' is not {type}.";
    }
}
