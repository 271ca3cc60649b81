using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;
using ScottPlot;

namespace BenchApp.LoadDriver.Reports;

/// <summary>
/// The report's charts (ScottPlot, PNG): latency distribution per scenario (percentile on a log scale, one
/// line per executor), CPU and memory per executor, the concurrency sweep, and memory growth. A chart that
/// cannot be drawn (no data, no native graphics library) is left out, never faked.
/// </summary>
public static class ChartRenderer
{
    public const string CpuChart = "cpu.png";
    public const string MemoryChart = "memory.png";
    public const string SweepLatencyChart = "sweep-latency.png";
    public const string SweepThroughputChart = "sweep-throughput.png";
    public const string GrowthChart = "memory-growth.png";
    private const int Width = 900;
    private const int Height = 500;

    public static string LatencyChartName(string scenario) => $"latency-{scenario}.png";

    /// <summary>Draws every chart the results have data for into <paramref name="directory"/>; returns the file names drawn.</summary>
    public static IReadOnlyList<string> RenderAll(BenchmarkResults results, string directory)
    {
        var drawn = new List<string>();
        void Try(string name, Func<Plot?> build)
        {
            try
            {
                using var plot = build();
                if (plot is null) return;
                AtomicFile.Write(Path.Combine(directory, name), temp => plot.SavePng(temp, Width, Height));
                drawn.Add(name);
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or IOException)
            {
                Console.Error.WriteLine($"Chart {name} not drawn: {e.GetBaseException().Message}");
            }
        }

        foreach (var scenario in results.Scenarios.Select(s => s.Scenario).Distinct())
            Try(LatencyChartName(scenario), () => LatencyDistribution(results, scenario));
        Try(CpuChart, () => ResourceBars(results, cpu: true));
        Try(MemoryChart, () => ResourceBars(results, cpu: false));
        Try(SweepLatencyChart, () => SweepLatency(results));
        Try(SweepThroughputChart, () => SweepThroughput(results));
        Try(GrowthChart, () => Growth(results));
        return drawn;
    }

    /// <summary>Percentile spectrum: x is -log10(1 - p), so 90%, 99%, 99.9% are evenly spaced (HdrHistogram's plot).</summary>
    private static Plot? LatencyDistribution(BenchmarkResults results, string scenario)
    {
        var rows = results.Scenarios.Where(s => s.Scenario == scenario && MarkdownReport.Primary(s)?.Spectrum is { Count: > 0 }).ToList();
        if (rows.Count == 0) return null;
        var plot = new Plot();
        foreach (var s in rows)
        {
            var spectrum = MarkdownReport.Primary(s)!.Spectrum!.Where(p => p[0] < 100).ToList();
            var line = plot.Add.Scatter(spectrum.Select(p => X(p[0])).ToArray(), spectrum.Select(p => p[1]).ToArray());
            line.LegendText = s.Executor;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        double[] ticks = [0, 50, 90, 99, 99.9, 99.99];
        plot.Axes.Bottom.SetTicks(ticks.Select(X).ToArray(), ticks.Select(t => $"{t}%").ToArray());
        plot.Title($"Latency distribution: {scenario}");
        plot.XLabel("percentile");
        plot.YLabel("latency (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;

        static double X(double percentile) => -Math.Log10(1 - Math.Min(percentile, 99.99) / 100);
    }

    private static Plot? ResourceBars(BenchmarkResults results, bool cpu)
    {
        var rows = results.Scenarios.Where(s => s.Resources is not null).ToList();
        if (rows.Count == 0) return null;
        var scenarios = rows.Select(s => s.Scenario).Distinct().OrderBy(ScenarioIndex).ToList();
        var executors = rows.Select(s => s.Executor).Distinct().ToList();
        var plot = new Plot();
        var width = 0.8 / executors.Count;
        for (var e = 0; e < executors.Count; e++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < scenarios.Count; i++)
            {
                var s = rows.FirstOrDefault(r => r.Executor == executors[e] && r.Scenario == scenarios[i]);
                if (s?.Resources is not { } res) continue;
                bars.Add(new Bar
                {
                    Position = i - 0.4 + width * (e + 0.5),
                    Value = cpu ? res.CpuAvgPercent : res.RssAvgKb / 1024.0,
                    Error = 0,
                    Size = width * 0.9,
                    FillColor = Palette(e),
                });
            }
            var series = plot.Add.Bars(bars);
            series.LegendText = executors[e];
            series.Color = Palette(e);
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, scenarios.Count).Select(i => (double)i).ToArray(), scenarios.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(cpu ? "CPU of the executor (average, % of one core)" : "Memory of the executor (average RSS, MiB)");
        plot.YLabel(cpu ? "CPU (%)" : "RSS (MiB)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot? SweepLatency(BenchmarkResults results)
    {
        if (results.Sweep.Count == 0) return null;
        var plot = new Plot();
        var index = 0;
        foreach (var group in results.Sweep.GroupBy(p => p.Executor))
        {
            var points = group.Where(p => p.LatencyMs is not null).OrderBy(p => p.Concurrency).ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(p => Math.Log10(p.Concurrency)).ToArray();
            var p50 = plot.Add.Scatter(xs, points.Select(p => p.LatencyMs!.P50).ToArray());
            p50.LegendText = $"{group.Key} p50";
            p50.Color = Palette(index);
            p50.LineWidth = 2;
            var p99 = plot.Add.Scatter(xs, points.Select(p => p.LatencyMs!.P99).ToArray());
            p99.LegendText = $"{group.Key} p99";
            p99.Color = Palette(index);
            p99.LinePattern = LinePattern.Dashed;
            p99.LineWidth = 2;
            index++;
        }
        ConcurrencyTicks(plot, results);
        plot.Title($"Latency against concurrency ({results.Sweep[0].Scenario})");
        plot.YLabel("latency (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot? SweepThroughput(BenchmarkResults results)
    {
        if (results.Sweep.Count == 0) return null;
        var plot = new Plot();
        var index = 0;
        foreach (var group in results.Sweep.GroupBy(p => p.Executor))
        {
            var points = group.OrderBy(p => p.Concurrency).ToList();
            var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.Concurrency)).ToArray(), points.Select(p => p.ThroughputRps).ToArray());
            line.LegendText = group.Key;
            line.Color = Palette(index++);
            line.LineWidth = 2;
        }
        ConcurrencyTicks(plot, results);
        plot.Title($"Throughput against concurrency ({results.Sweep[0].Scenario})");
        plot.YLabel("good replies per second");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot? Growth(BenchmarkResults results)
    {
        var series = results.Growth.Where(g => g.Points.Count >= 2).ToList();
        if (series.Count == 0) return null;
        var plot = new Plot();
        for (var i = 0; i < series.Count; i++)
        {
            var line = plot.Add.Scatter(series[i].Points.Select(p => (double)p[0]).ToArray(), series[i].Points.Select(p => p[1] / 1024.0).ToArray());
            line.LegendText = series[i].Executor;
            line.Color = Palette(i);
            line.LineWidth = 2;
        }
        plot.Title("Executor memory across turns of one session");
        plot.XLabel("turn");
        plot.YLabel("RSS (MiB)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void ConcurrencyTicks(Plot plot, BenchmarkResults results)
    {
        var levels = results.Sweep.Select(p => p.Concurrency).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(levels.Select(l => Math.Log10(l)).ToArray(), levels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("concurrent sessions (log scale)");
    }

    private static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    private static int ScenarioIndex(string name) => ScenarioCatalog.Names.ToList().IndexOf(name) is var i and >= 0 ? i : int.MaxValue;
}
