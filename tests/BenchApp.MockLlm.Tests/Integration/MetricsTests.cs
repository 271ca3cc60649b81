using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Telemetry;
using BenchApp.MockLlm.Tests.Infrastructure;

namespace BenchApp.MockLlm.Tests.Integration;

public sealed class MetricsTests(MockLlmServer server) : IClassFixture<MockLlmServer>
{
    [Fact]
    public async Task Completions_record_duration_first_token_and_tokens_with_genai_tags()
    {
        var ct = TestContext.Current.CancellationToken;
        var model = $"metrics-{Guid.NewGuid():N}";
        var recorded = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MockLlmMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dict = new Dictionary<string, object?>();
            foreach (var tag in tags) dict[tag.Key] = tag.Value;
            if (Equals(dict.GetValueOrDefault("gen_ai.request.model"), model)) recorded.Add((instrument.Name, value, dict));
        }
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        using var http = server.NewHttpClient();
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, $$$"""{"model":"{{{model}}}","messages":[{"role":"user","content":"#bench reply_tokens=9"}]}""", ct);
        await Http.PostAsync(http, MockLlmApi.ChatCompletionsPath, $$$"""{"model":"{{{model}}}","messages":[]}""", ct);

        var durations = recorded.Where(r => r.Instrument == "gen_ai.server.request.duration").ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal("chat", d.Tags["gen_ai.operation.name"]));
        Assert.Contains(durations, d => Equals(d.Tags["outcome"], "ok"));
        Assert.Contains(durations, d => Equals(d.Tags["outcome"], "bad_request"));
        Assert.Single(recorded, r => r.Instrument == "gen_ai.server.time_to_first_token");
        var output = Assert.Single(recorded, r => r.Instrument == "gen_ai.server.token.usage" && Equals(r.Tags["gen_ai.token.type"], "output"));
        Assert.Equal(9, output.Value);
    }
}
