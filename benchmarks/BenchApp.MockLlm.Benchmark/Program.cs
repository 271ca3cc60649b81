using BenchApp.MockLlm.Benchmark;

if (!BenchmarkOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var result = await LoadRunner.RunAsync(options, cancel.Token);
ResultReport.Print(options, result);
if (options.JsonPath is { } path) ResultReport.WriteJson(path, options, result);
return result.Errors > 0 && result.Requests == 0 ? 1 : 0;
