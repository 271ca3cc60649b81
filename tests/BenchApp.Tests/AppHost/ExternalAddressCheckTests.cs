using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using BenchApp.AppHost.Driver;
using BenchApp.AppHost.Infrastructure;
using BenchApp.TestSupport;

namespace BenchApp.Tests.AppHost;

/// <summary>The one look at a configured external Redis or Temporal at start, against real sockets and a real redis-server.</summary>
public class ExternalAddressCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_closed_port_is_reported_refused_for_redis_and_temporal()
    {
        var port = FreePort.Get();
        Assert.Equal($"127.0.0.1:{port} refused the connection", await ExternalAddressCheck.RedisProblemAsync($"127.0.0.1:{port},password=x", Timeout));
        Assert.Equal($"127.0.0.1:{port} refused the connection", await ExternalAddressCheck.TemporalProblemAsync($"http://127.0.0.1:{port}/", Timeout));
    }

    [Fact]
    public async Task A_listener_that_never_answers_is_reported_frozen_for_redis_and_reachable_for_temporal()
    {
        // Accepts connections (the kernel's backlog) but never reads: a frozen host as a client sees it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var problem = await ExternalAddressCheck.RedisProblemAsync($"127.0.0.1:{port}", TimeSpan.FromMilliseconds(500));
        Assert.Equal($"127.0.0.1:{port} accepted a connection but did not answer PING within 0.5 s (frozen or not Redis)", problem);
        Assert.Null(await ExternalAddressCheck.TemporalProblemAsync($"127.0.0.1:{port}", Timeout));
    }

    [Fact]
    public async Task A_running_redis_server_answers()
    {
        if (RedisServer.UnavailableReason() is { } reason) Assert.Skip(reason);
        await using var redis = await RedisServer.StartAsync();
        Assert.Null(await ExternalAddressCheck.RedisProblemAsync(redis.ConnectionString, Timeout));
        Assert.Null(await ExternalAddressCheck.RedisProblemAsync($"redis://127.0.0.1:{redis.Port}/0", Timeout));
    }

    [Theory]
    [InlineData("4242", 4242)]
    [InlineData("x", null)]
    public void The_drivers_pid_is_read_from_its_snapshot(string value, int? expected)
    {
        var snapshot = new CustomResourceSnapshot
        {
            ResourceType = "Project",
            Properties = [new ResourcePropertySnapshot("executable.pid", value)],
        };
        Assert.Equal(expected, HeadlessRun.PidOf(snapshot));
        Assert.Null(HeadlessRun.PidOf(snapshot with { Properties = ImmutableArray<ResourcePropertySnapshot>.Empty }));
    }

    [Fact]
    public void Signals_map_to_the_shells_exit_codes()
    {
        Assert.Equal((130, 143), (HeadlessRun.SignalExitCode(System.Runtime.InteropServices.PosixSignal.SIGINT), HeadlessRun.SignalExitCode(System.Runtime.InteropServices.PosixSignal.SIGTERM)));
    }

    [Fact]
    public async Task The_processes_under_a_pid_are_found_through_proc()
    {
        // bash -> sleep: the sleep is below the shell, the shell is not below itself.
        await using var shell = ChildProcess.Start("bash", ["-c", "sleep 30 & echo started; wait"]);
        await shell.WaitForLineAsync("started", TimeSpan.FromSeconds(10));
        var below = HeadlessRun.Descendants(shell.Pid);
        Assert.NotEmpty(below);
        Assert.DoesNotContain(shell.Pid, below);
        Assert.Contains(below, pid => File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal));
    }
}
