using BenchApp.LoadDriver.Cli;
using Spectre.Console.Cli;

// The load driver: `run` benchmarks the executors, `compare` gates CI on regressions,
// `report` rebuilds a report from results.json, `selftest` measures the driver itself.
var app = new CommandApp();
app.Configure(config => config.AddBenchCommands());
return await app.RunAsync(args);
