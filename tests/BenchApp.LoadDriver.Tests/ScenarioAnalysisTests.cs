using BenchApp.Contracts.MockLlm;
using BenchApp.Contracts.Runs;
using BenchApp.LoadDriver.Configuration;
using BenchApp.LoadDriver.Load;
using BenchApp.LoadDriver.Results;
using BenchApp.LoadDriver.Scenarios;

namespace BenchApp.LoadDriver.Tests;

public sealed class ScenarioAnalysisTests
{
    private static ScenarioPlan Plan(string name, LoadModel model = LoadModel.Closed, int? toolDelayMs = null) => new()
    {
        Definition = ScenarioCatalog.Resolve(new ScenarioConfig { Name = name, ToolDelayMs = toolDelayMs }),
        Model = model,
        Rate = model == LoadModel.Open ? 10 : null,
        Iterations = 4,
        LatencyProfile = "zero",
        LatencyModel = new LatencyConfig(),
    };

    private static RequestSample Ok(string run, double latency, int turn = 0, double delay = 0, int llmCalls = 2) => new()
    {
        RunId = run, LatencyMs = latency, Turn = turn, ScheduleDelayMs = delay, LlmCalls = llmCalls,
        ServerTotalMs = 10, ServerLlmMs = 6, ServerToolMs = 1, ServerStateMs = 2,
    };

    private static RunStats Mock(string run, double wait, long llmCalls = 2) => new() { Run = run, WaitMs = wait, LlmCalls = llmCalls, Requests = llmCalls };

    [Fact]
    public void Overhead_is_latency_minus_the_mocks_wait_and_the_tool_delays()
    {
        // tool-execution: 1 tool step of 5 ms each run.
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.ToolExecution, toolDelayMs: 5),
            Samples = [Ok("a", 100), Ok("b", 60), Ok("c", 30)],
            Phase = new LoadPhaseResult { ElapsedSeconds = 2 },
            MockRuns = new Dictionary<string, RunStats> { ["a"] = Mock("a", 80), ["b"] = Mock("b", 50), ["c"] = Mock("c", 20) },
        });

        // Overheads: 100-80-5 = 15, 60-50-5 = 5, 30-20-5 = 5.
        Assert.Equal(5, result.OverheadMs!.P50, 2);
        Assert.Equal(15, result.OverheadMs.Max, 1);
        Assert.Equal(new MockAccounting(3, 0, 50, 0), result.Mock);
        Assert.Equal(1.5, result.ThroughputRps);
        Assert.Equal(60, result.LatencyMs!.P50, 1);
        Assert.Null(result.OverheadNote);
        Assert.Equal(0.2, result.State!.Share);
    }

    [Fact]
    public void Without_the_mocks_accounting_overhead_is_unavailable_with_the_reason()
    {
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.SimpleChat),
            Samples = [Ok("a", 10, llmCalls: 1)],
            Phase = new LoadPhaseResult { ElapsedSeconds = 1 },
            MockNote = "a real provider",
        });
        Assert.Null(result.OverheadMs);
        Assert.Equal("a real provider", result.OverheadNote);
        Assert.NotNull(result.LatencyMs);
    }

    [Fact]
    public void A_run_the_mock_answered_a_different_number_of_times_is_a_wrong_answer()
    {
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.ToolExecution),
            Samples = [Ok("a", 10), Ok("b", 12), Ok("missing", 11)],
            Phase = new LoadPhaseResult { ElapsedSeconds = 1 },
            MockRuns = new Dictionary<string, RunStats> { ["a"] = Mock("a", 0), ["b"] = Mock("b", 0, llmCalls: 3) },
        });

        Assert.Equal(1, result.Errors.WrongAnswer);
        Assert.Equal(2, result.Ok);
        Assert.Contains("the mock LLM answered 3 calls for run b, expected 2", result.ErrorExamples.Single());
        Assert.Equal(new MockAccounting(1, 1, 0, 1), result.Mock);
        Assert.Contains("1 of 2 runs were unknown to the mock LLM", result.OverheadNote);
    }

    [Fact]
    public void Errors_are_counted_by_kind_and_never_enter_the_latency()
    {
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.SimpleChat),
            Samples =
            [
                Ok("a", 10, llmCalls: 1),
                new RequestSample { RunId = "b", LatencyMs = 9000, Error = ErrorKind.Timeout, Detail = "no reply within 9 s" },
                new RequestSample { RunId = "c", LatencyMs = 1, Error = ErrorKind.Status, StatusCode = 502, Detail = "HTTP 502" },
                new RequestSample { RunId = "d", LatencyMs = 1, Error = ErrorKind.Status, StatusCode = 502, Detail = "HTTP 502" },
                new RequestSample { RunId = "e", LatencyMs = 1, Error = ErrorKind.Connect, Detail = "refused" },
                new RequestSample { RunId = "f", LatencyMs = 1, Error = ErrorKind.Protocol, Detail = "bad json" },
                new RequestSample { RunId = "g", LatencyMs = 1, Error = ErrorKind.WrongAnswer, Detail = "llm_calls 2, expected 1" },
            ],
            Phase = new LoadPhaseResult { ElapsedSeconds = 1 },
        });

        Assert.Equal((1L, 1L, 2L, 1L, 1L), (result.Errors.Connect, result.Errors.Timeout, result.Errors.Status, result.Errors.Protocol, result.Errors.WrongAnswer));
        Assert.Equal(6.0 / 7, result.ErrorRate, 5);
        Assert.Equal(2, result.StatusCodes["502"]);
        Assert.Equal(1, result.LatencyMs!.Count);
        Assert.Equal(10, result.LatencyMs.Max, 1);
        Assert.Equal([10.0], result.SamplesMs);
        Assert.Contains("timeout: no reply within 9 s", result.ErrorExamples);
    }

    [Fact]
    public void An_open_loop_reports_corrected_and_uncorrected_latency()
    {
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.SimpleChat, LoadModel.Open),
            Samples = [Ok("a", 10, delay: 0, llmCalls: 1), Ok("b", 10, delay: 90, llmCalls: 1)],
            Phase = new LoadPhaseResult { ElapsedSeconds = 1, Dropped = 4, ScheduleLagP99Ms = 0.5 },
        });

        Assert.Equal(10, result.LatencyMs!.Max, 1);
        Assert.Equal(100, result.LatencyCorrectedMs!.Max, 1);
        Assert.Equal(4, result.DroppedStarts);
        Assert.Equal([10.0, 100.0], result.SamplesMs);
    }

    [Fact]
    public void Multi_turn_reports_latency_per_turn_position()
    {
        var result = ScenarioAnalysis.Build(new()
        {
            Executor = "x",
            Plan = Plan(ScenarioCatalog.MultiTurn),
            Samples = Enumerable.Range(0, 5).SelectMany(t => new[] { Ok($"a{t}", 10 + t, t, llmCalls: 1), Ok($"b{t}", 10 + t, t, llmCalls: 1) }).ToList(),
            Phase = new LoadPhaseResult { ElapsedSeconds = 1 },
        });
        // HdrHistogram reports each value within 0.1%.
        Assert.Equal([10.0, 11, 12, 13, 14], result.PerTurnP50Ms!.Select(v => Math.Round(v, 1)));
    }

    [Fact]
    public void A_reply_is_checked_against_its_directive()
    {
        var agentLoop = ScenarioCatalog.Resolve(new ScenarioConfig { Name = ScenarioCatalog.AgentLoop });
        var good = new RunResponse
        {
            SessionId = "0123456789abcdef0123456789abcdef", Output = "alpha", StopReason = StopReasons.Completed,
            Iterations = 11, LlmCalls = 11, ToolCalls = 10, Usage = new RunUsage(1, 1), TimingsMs = new RunTimings(1, 1, 0, 0),
        };
        Assert.Null(ReplyCheck.Problem(agentLoop, good, null));
        Assert.Equal(11, agentLoop.MaxIterations);

        Assert.Equal("stop_reason 'max_iterations', expected 'completed'; llm_calls 10, expected 11; iterations 10, expected 11; tool_calls 9, expected 10",
            ReplyCheck.Problem(agentLoop, good with { StopReason = StopReasons.MaxIterations, Iterations = 10, LlmCalls = 10, ToolCalls = 9 }, null));
        Assert.Contains("session_id '0123456789abcdef0123456789abcdef', expected 'other'", ReplyCheck.Problem(agentLoop, good, "other"));
        Assert.Contains("output is empty", ReplyCheck.Problem(agentLoop, good with { Output = " " }, null));
    }

    [Fact]
    public void Scenario_messages_carry_the_directive_with_a_run_id()
    {
        var scenario = ScenarioCatalog.Resolve(new ScenarioConfig { Name = ScenarioCatalog.ToolExecution, ToolDelayMs = 3 });
        var directive = BenchApp.Contracts.Directives.BenchDirective.Parse(scenario.MessageFor("abc-1", 0))!;
        Assert.Equal(("abc-1", 1, 3), (directive.Run, directive.ToolCalls, directive.ToolDelayMs));
        Assert.Equal(3, scenario.ToolDelayPerRunMs);
    }
}
