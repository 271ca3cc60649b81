using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchApp.MockLlm.Accounting;

namespace BenchApp.MockLlm.Telemetry;

/// <summary>
/// GenAI-style server metrics on the <c>BenchApp.MockLlm</c> meter (exported by ServiceDefaults, which adds
/// every <c>BenchApp.*</c> meter): operation duration, time to first token and token usage, tagged by
/// gen_ai.operation.name, gen_ai.provider.name, gen_ai.request.model and outcome.
/// </summary>
public sealed class MockLlmMetrics
{
    public const string MeterName = "BenchApp.MockLlm";
    public const string OperationName = "chat";

    private static readonly double[] SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<long> _tokens;

    public MockLlmMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram(
            "gen_ai.server.request.duration", unit: "s",
            description: "Time from the completion request to the end of the reply, deliberate wait included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _timeToFirstToken = meter.CreateHistogram(
            "gen_ai.server.time_to_first_token", unit: "s",
            description: "Time from the completion request to the first chunk (the whole reply when not streamed).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _tokens = meter.CreateHistogram(
            "gen_ai.server.token.usage", unit: "{token}",
            description: "Input and output tokens reported in completion replies.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
    }

    public void Record(string provider, string? model, RequestOutcome outcome, double durationSeconds,
        double? timeToFirstTokenSeconds, int inputTokens, int outputTokens)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", OperationName },
            { "gen_ai.provider.name", provider },
            { "gen_ai.request.model", model ?? "" },
            { "outcome", outcome.Name() },
        };
        _duration.Record(durationSeconds, tags);
        if (outcome != RequestOutcome.Ok) return;

        if (timeToFirstTokenSeconds is { } ttft) _timeToFirstToken.Record(ttft, tags);
        if (_tokens.Enabled)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            _tokens.Record(inputTokens, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            _tokens.Record(outputTokens, output);
        }
    }
}
