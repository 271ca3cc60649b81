using BenchApp.Executors.Tests.Integration;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>redis-server, the mock LLM and <c>--executor agent-framework</c> as child processes, shared by one test class.</summary>
public sealed class AgentFrameworkStack : InProcStack
{
    protected override string Kind => "agent-framework";
}
