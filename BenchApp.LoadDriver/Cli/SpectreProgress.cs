using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Suite;
using Spectre.Console;

namespace BenchApp.LoadDriver.Cli;

/// <summary>Progress bars on a terminal, each with the live p50, p99 and error count of its phase.</summary>
public sealed class SpectreProgress(ProgressContext context, IAnsiConsole console) : IRunProgress
{
    public IProgressPhase Begin(string executor, string label, long total)
    {
        var name = Markup.Escape($"{executor} {label}");
        var task = context.AddTask(name, maxValue: Math.Max(1, total));
        if (total <= 0) task.IsIndeterminate = true;
        return new Phase(task, name, console);
    }

    public void Message(string text) => console.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");

    private sealed class Phase(ProgressTask task, string name, IAnsiConsole console) : IProgressPhase
    {
        public void Update(long done, LiveSnapshot live, bool warmup)
        {
            task.Value = Math.Min(done, task.MaxValue);
            task.Description = warmup
                ? $"{name} [grey]warm-up[/]"
                : $"{name} [grey]p50[/] {live.P50Ms:0.##} [grey]p99[/] {live.P99Ms:0.##} ms [grey]err[/] {(live.Errors > 0 ? $"[red]{live.Errors}[/]" : "0")}";
        }

        public void Complete(string summary)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.Description = $"[green]done[/] {name}";
            task.StopTask();
            console.MarkupLine($"[green]✓[/] {name}: {Markup.Escape(summary)}");
        }

        public void Dispose()
        {
            if (!task.IsFinished) task.StopTask();
        }
    }
}
