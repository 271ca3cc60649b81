using System.Diagnostics;
using BenchApp.Executors.Agent;
using BenchApp.Executors.Temporal;
using BenchApp.Executors.Tests.Temporal.Frontend;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace BenchApp.Executors.Tests.Temporal;

/// <summary>
/// The client half of the tracing interceptor against the frontend test double: the update call is a span of the
/// caller's trace, and what reaches the server carries that span's context in the update's Temporal header
/// (the worker half is covered by the replay tests).
/// </summary>
public class TemporalTracingInterceptorTests
{
    [Fact]
    public async Task An_update_with_start_is_a_client_span_whose_context_travels_in_the_update_header()
    {
        await using var frontend = await FakeTemporalFrontend.StartAsync();
        frontend.Updates = FakeTemporalFrontend.Answer.NotFound;
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is TemporalTracingInterceptor.SourceName or AgentTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(frontend.Address)
        {
            DataConverter = AgentPayloads.Converter,
            Interceptors = [new TemporalTracingInterceptor()],
        });

        var input = new AgentSessionInput("s1", [], 2000);
        var turn = new TurnRequest("hi", 1, TurnPolicy.From(new ExecutorOptions()));
        using (AgentTelemetry.StartRun("dotnet-temporal", "s1"))
        {
            var start = WithStartWorkflowOperation.Create((AgentWorkflow wf) => wf.RunAsync(input),
                new WorkflowOptions("agent-session-s1", "q") { IdConflictPolicy = Temporalio.Api.Enums.V1.WorkflowIdConflictPolicy.UseExisting });
            await Assert.ThrowsAsync<RpcException>(() => client.ExecuteUpdateWithStartWorkflowAsync(
                (AgentWorkflow wf) => wf.RunTurnAsync(turn), new WorkflowUpdateWithStartOptions(start)));
        }

        var update = Assert.Single(spans, s => s.OperationName == "UpdateWithStartWorkflow:RunTurn");
        var run = Assert.Single(spans, s => s.OperationName == "invoke_agent dotnet-temporal");
        Assert.Equal((run.TraceId, run.SpanId, ActivityKind.Client), (update.TraceId, update.ParentSpanId, update.Kind));
        var (_, message) = Assert.Single(frontend.UpdateRequests);
        var request = ExecuteMultiOperationRequest.Parser.ParseFrom(message);
        var header = request.Operations[1].UpdateWorkflow.Request.Input.Header.Fields[TemporalTracingInterceptor.HeaderName];
        Assert.Equal(update.Id, DataConverter.Default.PayloadConverter.ToValue<string>(header));
        // The payloads are the compact ones: camelCase, no per-message noise.
        var sent = request.Operations[1].UpdateWorkflow.Request.Input.Args.Payloads_[0].Data.ToStringUtf8();
        Assert.StartsWith("{\"message\":\"hi\",\"maxIterations\":1,\"policy\":{", sent);
    }
}
