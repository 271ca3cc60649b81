using BenchApp.MockLlm.Accounting;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class RunLedgerTests
{
    [Fact]
    public void Counts_per_run_by_outcome()
    {
        var ledger = new RunLedger(100);
        ledger.Record("r1", RequestOutcome.Ok, 10.5, 100, 20);
        ledger.Record("r1", RequestOutcome.RateLimited, 0, 0, 0);
        ledger.Record("r1", RequestOutcome.Hung, 30, 0, 0);
        ledger.Record("r1", RequestOutcome.Ok, 4.25, 120, 7);
        ledger.Record("r1", RequestOutcome.BadRequest, 0, 0, 0);

        var stats = ledger.Find("r1")!;
        Assert.Equal(5, stats.Requests);
        Assert.Equal(2, stats.LlmCalls);
        Assert.Equal(2, stats.Faults);
        Assert.Equal(44.75, stats.WaitMs, 6);
        Assert.Equal(220, stats.InputTokens);
        Assert.Equal(27, stats.OutputTokens);
        Assert.Null(ledger.Find("r2"));
    }

    [Fact]
    public void Keeps_only_the_newest_runs()
    {
        var ledger = new RunLedger(1000);
        for (var i = 0; i < 5000; i++) ledger.Record($"run-{i}", RequestOutcome.Ok, 0, 1, 1);

        Assert.Equal(1000, ledger.Count);
        Assert.Null(ledger.Find("run-0"));
        Assert.Null(ledger.Find("run-3999"));
        Assert.NotNull(ledger.Find("run-4000"));
        Assert.NotNull(ledger.Find("run-4999"));
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var ledger = new RunLedger(100);
        Parallel.For(0, 20_000, i => ledger.Record($"r{i % 10}", RequestOutcome.Ok, 1, 2, 3));
        for (var r = 0; r < 10; r++)
        {
            var stats = ledger.Find($"r{r}")!;
            Assert.Equal(2000, stats.LlmCalls);
            Assert.Equal(2000, stats.WaitMs, 6);
            Assert.Equal(4000, stats.InputTokens);
        }
        ledger.Clear();
        Assert.Equal(0, ledger.Count);
        Assert.Null(ledger.Find("r1"));
    }

    [Fact]
    public void A_call_index_answered_twice_is_repeated_work_with_the_tool_calls_it_issued_again()
    {
        var ledger = new RunLedger(100);
        // A turn of 3 tool steps: indexes 0, 1, 2 issue one tool call each, index 3 is the answer.
        ledger.Record("r", RequestOutcome.Ok, 0, 1, 1, callIndex: 0, toolCallsIssued: 1);
        ledger.Record("r", RequestOutcome.Ok, 0, 1, 1, callIndex: 1, toolCallsIssued: 1);
        // The executor died and resumed: index 1 asked again, then the rest once.
        ledger.Record("r", RequestOutcome.Error, 0, 0, 0, callIndex: 1, toolCallsIssued: 0);
        ledger.Record("r", RequestOutcome.Ok, 0, 1, 1, callIndex: 1, toolCallsIssued: 1);
        ledger.Record("r", RequestOutcome.Ok, 0, 1, 1, callIndex: 2, toolCallsIssued: 1);
        ledger.Record("r", RequestOutcome.Ok, 0, 1, 1, callIndex: 3, toolCallsIssued: 0);

        var stats = ledger.Find("r")!;
        Assert.Equal(5, stats.LlmCalls);
        Assert.Equal(1, stats.RepeatedLlmCalls); // the failed attempt is a retry, not answered work
        Assert.Equal(1, stats.RepeatedToolCalls);

        ledger.Record("plain", RequestOutcome.Ok, 0, 1, 1);
        Assert.Equal(0, ledger.Find("plain")!.RepeatedLlmCalls); // no index given: nothing to compare
    }
}
