using BenchApp.Executors.Temporal;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>The update validator's rules (replay does not run validators, so they are tested alone): it rejects a bad turn (the update fails, the workflow task does not); a good one passes.</summary>
public class AgentWorkflowValidatorTests
{
    private static readonly TurnPolicy Policy = TurnPolicy.From(new ExecutorOptions());

    [Fact]
    public void A_good_turn_passes() => AgentWorkflow.Validate(new TurnRequest("hi", 10, Policy));

    [Fact]
    public void Bad_turns_are_rejected_naming_what_is_wrong()
    {
        Assert.Contains("message", Assert.Throws<ArgumentException>(() => AgentWorkflow.Validate(new TurnRequest("", 10, Policy))).Message);
        Assert.Contains("max_iterations", Assert.Throws<ArgumentException>(() => AgentWorkflow.Validate(new TurnRequest("hi", 0, Policy))).Message);
        Assert.Contains("policy", Assert.Throws<ArgumentException>(() => AgentWorkflow.Validate(new TurnRequest("hi", 1, Policy with { MaxAttempts = 0 }))).Message);
        Assert.Throws<ArgumentNullException>(() => AgentWorkflow.Validate(null!));
    }
}
