using BenchApp.Executors.Temporal;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace BenchApp.Executors.Tests.Temporal;

public class TemporalExecutorInfoTests
{
    [Fact]
    public void Info_names_the_installed_temporal_sdk_and_says_durable()
    {
        // A lazy client connects on first use; describing the executor uses none.
        var client = TemporalClient.CreateLazy(new TemporalClientConnectOptions("127.0.0.1:1"));
        var info = new TemporalAgentExecutor(client, Options.Create(new ExecutorOptions { Kind = ExecutorKind.Temporal })).Info;

        var installed = typeof(ITemporalClient).Assembly.GetName().Version!;
        Assert.Equal(("dotnet-temporal", "csharp", "temporal", true, "temporal", Environment.ProcessId),
            (info.Executor, info.Language, info.Framework, info.Durable, info.StateStore, info.Pid));
        Assert.Equal($"{installed.Major}.{installed.Minor}.{installed.Build}", info.FrameworkVersion);
    }
}
