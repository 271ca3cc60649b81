using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BenchApp.Robustness.Tests;

/// <summary>
/// Every case of <see cref="ExecutorCases"/> against one running executor: the expected status, the contract's
/// problem+json naming the field, no stack trace, and /health still 200 afterwards. Then a burst of new sessions.
/// </summary>
public abstract partial class ExecutorRobustnessTests<THost>(THost host, ITestOutputHelper output) where THost : ExecutorHost
{
    private const int Burst = 300;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private void SkipWhenAbsent()
    {
        if (host.SkipReason is { } reason) Assert.Skip($"{host.Name}: {reason}");
    }

    [Theory]
    [MemberData(nameof(ExecutorCases.Names), MemberType = typeof(ExecutorCases))]
    public async Task Bad_input_gets_a_clear_answer_and_the_executor_stays_healthy(string name)
    {
        SkipWhenAbsent();
        var @case = ExecutorCases.Get(name);
        var answer = await Probe.SendAsync(host.Http, "v1/runs", @case, Cancel);
        output.WriteLine($"{host.Name} {@case.Name}: {answer}");

        Probe.AssertNoStackTrace(answer);
        Probe.AssertStatus(@case, answer);
        if (@case.IsSuccess)
        {
            var run = answer.Json();
            Assert.Matches(SessionId(), run.GetProperty("session_id").GetString());
            Assert.Equal(1, run.GetProperty("llm_calls").GetInt32());
            Assert.Equal("completed", run.GetProperty("stop_reason").GetString());
        }
        else
        {
            Probe.AssertProblem(@case, answer);
        }
        await Probe.AssertHealthyAsync(host.Http, host.Name, Cancel);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_new_sessions_all_complete_with_the_right_call_counts()
    {
        SkipWhenAbsent();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        // 1 tool call then the answer: 2 LLM calls and 1 tool call per run, each keyed by its own run id.
        var requests = Enumerable.Range(0, Burst).Select(async i =>
        {
            var run = $"burst-{prefix}-{i}";
            using var response = await host.Http.PostAsJsonAsync("v1/runs",
                new { message = $"#bench tool_calls=1 reply_tokens=3 tool=calculator run={run}\nburst {i}" }, Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            return (Run: run, Status: (int)response.StatusCode, Body: body);
        });
        var results = await Task.WhenAll(requests);

        var failed = results.Where(r => r.Status != 200).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {Burst} failed, e.g. {string.Join(" | ", failed.Take(3).Select(f => $"{f.Status} {Answer.Shorten(f.Body)}"))}");
        var runs = results.Select(r => (r.Run, Json: JsonDocument.Parse(r.Body).RootElement)).ToList();
        foreach (var (run, json) in runs)
        {
            Assert.Equal(2, json.GetProperty("llm_calls").GetInt32());
            Assert.Equal(1, json.GetProperty("tool_calls").GetInt32());
            Assert.Equal("completed", json.GetProperty("stop_reason").GetString());
            Assert.Matches(SessionId(), json.GetProperty("session_id").GetString());
        }
        Assert.Equal(Burst, runs.Select(r => r.Json.GetProperty("session_id").GetString()).Distinct().Count());

        // The mock LLM saw exactly two answered calls per run (batches keep the query under Kestrel's line limit).
        foreach (var batch in runs.Select(r => r.Run).Chunk(100))
        {
            var ledger = await host.Mock.GetFromJsonAsync<JsonElement>($"admin/runs?ids={string.Join(',', batch)}", Cancel);
            var seen = ledger.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("run").GetString()!, r => r.GetProperty("llm_calls").GetInt32());
            Assert.Equal(batch.Length, seen.Count);
            Assert.All(batch, run => Assert.Equal(2, seen[run]));
        }

        // Each new session was stored: a second turn on one of them is accepted.
        var session = runs[Burst / 2].Json.GetProperty("session_id").GetString();
        using var again = await host.Http.PostAsJsonAsync("v1/runs", new { message = "#bench reply_tokens=2", session_id = session }, Cancel);
        Assert.Equal(200, (int)again.StatusCode);
        await Probe.AssertHealthyAsync(host.Http, host.Name, Cancel);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex SessionId();
}

public sealed class DotnetInprocRobustnessTests(DotnetInprocHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<DotnetInprocHost>(host, output), IClassFixture<DotnetInprocHost>;

public sealed class PythonBaselineRobustnessTests(PythonBaselineHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<PythonBaselineHost>(host, output), IClassFixture<PythonBaselineHost>;

public sealed class DotnetTemporalRobustnessTests(DotnetTemporalHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<DotnetTemporalHost>(host, output), IClassFixture<DotnetTemporalHost>;

public sealed class DotnetAgentFrameworkRobustnessTests(DotnetAgentFrameworkHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<DotnetAgentFrameworkHost>(host, output), IClassFixture<DotnetAgentFrameworkHost>;

public sealed class NodeLangGraphRobustnessTests(NodeLangGraphHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<NodeLangGraphHost>(host, output), IClassFixture<NodeLangGraphHost>;

public sealed class NodeAdkRobustnessTests(NodeAdkHost host, ITestOutputHelper output)
    : ExecutorRobustnessTests<NodeAdkHost>(host, output), IClassFixture<NodeAdkHost>;
