using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace BenchApp.Executors.AgentFramework;

/// <summary>
/// Wraps each tool: times the call into the run's <see cref="AgentTurn"/>, and ends the loop at <c>max_iterations</c>.
/// <para>
/// <see cref="FunctionInvokingChatClient.MaximumIterationsPerRequest"/> (10.11) counts tool rounds, not LLM calls: at
/// N it runs N rounds and then makes one more LLM call with the AIFunctions removed from the tools, i.e. N + 1 calls
/// and no unanswered tool calls. The contract wants exactly <c>max_iterations</c> LLM calls, the last reply's tool
/// calls still run (so the history stays valid), then stop. FICC's own stop for that is
/// <see cref="FunctionInvocationContext.Terminate"/>: set in the round of the last allowed call, the loop returns
/// after that round's results without calling the LLM again. It is set on the round's last call only, because a
/// serial round stops invoking at the first call that terminates (FunctionInvocationProcessor), which would leave the
/// rest unanswered.
/// </para>
/// </summary>
public sealed class MeteredToolFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var context = FunctionInvokingChatClient.CurrentContext;
        var turn = AgentTurn.From(context?.Options);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (turn is not null && context is not null)
            {
                turn.AddToolCall(context.Iteration, started, Stopwatch.GetTimestamp());
                if (turn.AtLimit && context.FunctionCallIndex == context.FunctionCount - 1)
                {
                    context.Terminate = true;
                    turn.MarkCutAtLimit();
                }
            }
        }
    }
}
