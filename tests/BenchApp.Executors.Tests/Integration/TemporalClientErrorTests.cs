using System.Net;
using BenchApp.Executors.Tests.Temporal.Frontend;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>
/// The real dotnet-temporal process against a test double of the Temporal frontend (no server needed): what the
/// HTTP caller gets when the update call hangs, is refused, or the caller goes away. Never a 500.
/// </summary>
public sealed class TemporalClientErrorTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeTemporalFrontend _frontend = null!;
    private ExecutorProcess _executor = null!;

    public async ValueTask InitializeAsync()
    {
        _frontend = await FakeTemporalFrontend.StartAsync();
        _executor = await ExecutorProcess.StartAsync("temporal", new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = _frontend.Address,
            ["LLM_BASE_URL"] = "http://127.0.0.1:1/v1",
            ["Executor__RunTimeout"] = "00:00:02",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _executor.DisposeAsync();
        await _frontend.DisposeAsync();
    }

    [Fact]
    public async Task A_hanging_update_is_504_for_a_new_and_an_existing_session()
    {
        _frontend.Updates = FakeTemporalFrontend.Answer.Hang;

        using var first = await _executor.PostRunAsync(new { message = "hi" }, Ct);
        Assert.Equal("No final answer within 2 s.", (await first.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Ct)).Detail);
        using var later = await _executor.PostRunAsync(new { message = "hi", session_id = "s-existing" }, Ct);
        await later.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Ct);

        Assert.Contains(_frontend.Calls, c => c.EndsWith("/ExecuteMultiOperation", StringComparison.Ordinal));
        Assert.Contains(_frontend.Calls, c => c.EndsWith("/UpdateWorkflowExecution", StringComparison.Ordinal));
        Assert.DoesNotContain("The run failed.", _executor.Output);
    }

    [Fact]
    public async Task A_server_that_stops_answering_is_503_naming_temporal()
    {
        _frontend.Updates = FakeTemporalFrontend.Answer.Hang;
        _frontend.HealthAnswers = false;

        using var response = await _executor.PostRunAsync(new { message = "hi" }, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable, Ct);
        Assert.Equal(("https://benchapp.dev/problems/dependency-unavailable", "temporal", "temporal did not answer the turn within 2 s."),
            (problem.Type, problem.Dependency, problem.Detail));
    }

    [Fact]
    public async Task A_client_that_goes_away_is_no_error()
    {
        _frontend.Updates = FakeTemporalFrontend.Answer.Hang;
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        gone.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _executor.PostRunAsync(new { message = "hi" }, gone.Token));

        // The executor is still well and logged no failure for it.
        _frontend.Updates = FakeTemporalFrontend.Answer.NotFound;
        using var next = await _executor.PostRunAsync(new { message = "hi", session_id = "s-gone" }, Ct);
        await next.ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        Assert.DoesNotContain("The run failed.", _executor.Output);
    }

    [Theory]
    [InlineData(FakeTemporalFrontend.Answer.NotFound, null, HttpStatusCode.NotFound, null)]
    [InlineData(FakeTemporalFrontend.Answer.NamespaceNotFound, "s1", HttpStatusCode.ServiceUnavailable, "temporal has no namespace 'default'")]
    [InlineData(FakeTemporalFrontend.Answer.PermissionDenied, null, HttpStatusCode.ServiceUnavailable, "frontend.enableExecuteMultiOperation")]
    public async Task A_refused_update_maps_to_the_contract(FakeTemporalFrontend.Answer answer, string? sessionId, HttpStatusCode status, string? detail)
    {
        _frontend.Updates = answer;
        var session = answer == FakeTemporalFrontend.Answer.NotFound ? "s-unknown" : sessionId;

        using var response = await _executor.PostRunAsync(new { message = "hi", session_id = session }, Ct);

        var problem = await response.ReadProblemAsync(status, Ct);
        if (detail is not null) Assert.Contains(detail, problem.Detail);
        if (status == HttpStatusCode.ServiceUnavailable) Assert.Equal("temporal", problem.Dependency);
    }
}
