using BenchApp.AppHost.Infrastructure;

namespace BenchApp.Tests.AppHost;

public class InfrastructurePlannerTests
{
    private static InfrastructureProbe Probe(
        string? temporalAddress = null, string? temporalCli = null, string? redisAddress = null, string? redisServer = null,
        bool docker = false, InfrastructureMode temporalMode = InfrastructureMode.Auto, InfrastructureMode redisMode = InfrastructureMode.Auto,
        Action? onDockerProbe = null) =>
        new(temporalMode, temporalAddress, temporalCli, redisMode, redisAddress, redisServer, () =>
        {
            onDockerProbe?.Invoke();
            return docker;
        });

    [Fact]
    public void Temporal_prefers_an_explicit_address()
    {
        var choice = InfrastructurePlanner.ChooseTemporal(Probe(temporalAddress: "temporal.example:7233", temporalCli: "/usr/bin/temporal", docker: true));

        Assert.Equal(InfrastructureMode.External, choice.Mode);
        Assert.Equal("temporal.example:7233", choice.ConnectionString);
    }

    [Fact]
    public void Temporal_uses_the_cli_before_docker_and_does_not_probe_docker()
    {
        var probed = false;

        var choice = InfrastructurePlanner.ChooseTemporal(Probe(temporalCli: "/opt/temporal", docker: true, onDockerProbe: () => probed = true));

        Assert.Equal(InfrastructureMode.Executable, choice.Mode);
        Assert.Equal("/opt/temporal", choice.ExecutablePath);
        Assert.False(probed);
    }

    [Fact]
    public void Temporal_falls_back_to_the_container_when_docker_answers()
    {
        Assert.Equal(InfrastructureMode.Container, InfrastructurePlanner.ChooseTemporal(Probe(docker: true)).Mode);
    }

    [Fact]
    public void Temporal_unavailable_says_how_to_provide_one()
    {
        var choice = InfrastructurePlanner.ChooseTemporal(Probe());

        Assert.False(choice.IsAvailable);
        Assert.Contains("no 'temporal' CLI on PATH", choice.Reason);
        Assert.Contains("ConnectionStrings__temporal", choice.Reason);
    }

    [Theory]
    [InlineData(InfrastructureMode.Executable, "'temporal' CLI is not on PATH")]
    [InlineData(InfrastructureMode.Container, "no Docker engine answers")]
    [InlineData(InfrastructureMode.External, "is not set")]
    [InlineData(InfrastructureMode.None, "turned off")]
    public void A_forced_temporal_mode_that_cannot_work_is_unavailable_with_the_reason(InfrastructureMode mode, string reason)
    {
        var choice = InfrastructurePlanner.ChooseTemporal(Probe(temporalMode: mode, redisServer: "/usr/bin/redis-server"));

        Assert.Equal(InfrastructureMode.None, choice.Mode);
        Assert.Contains(reason, choice.Reason);
    }

    [Fact]
    public void Redis_prefers_external_then_container_then_executable()
    {
        Assert.Equal(InfrastructureMode.External,
            InfrastructurePlanner.ChooseRedis(Probe(redisAddress: "cache:6379", redisServer: "/usr/bin/redis-server", docker: true)).Mode);
        Assert.Equal(InfrastructureMode.Container,
            InfrastructurePlanner.ChooseRedis(Probe(redisServer: "/usr/bin/redis-server", docker: true)).Mode);
        var executable = InfrastructurePlanner.ChooseRedis(Probe(redisServer: "/usr/bin/redis-server"));
        Assert.Equal(InfrastructureMode.Executable, executable.Mode);
        Assert.Equal("/usr/bin/redis-server", executable.ExecutablePath);
    }

    [Fact]
    public void Publish_mode_uses_containers_whatever_this_machine_has()
    {
        var probe = Probe(temporalCli: "/usr/bin/temporal", redisServer: "/usr/bin/redis-server") with { PublishMode = true };

        Assert.Equal(InfrastructureMode.Container, InfrastructurePlanner.ChooseTemporal(probe).Mode);
        Assert.Equal(InfrastructureMode.Container, InfrastructurePlanner.ChooseRedis(probe).Mode);
    }

    [Fact]
    public void Redis_unavailable_says_how_to_provide_one()
    {
        var choice = InfrastructurePlanner.ChooseRedis(Probe());

        Assert.Equal(InfrastructureMode.None, choice.Mode);
        Assert.Contains("apt-get install redis-server", choice.Reason);
    }

    [Fact]
    public void Redis_passwords_never_reach_the_reason()
    {
        var choice = InfrastructurePlanner.ChooseRedis(Probe(redisAddress: "cache:6379,password=s3cret,ssl=true"));

        Assert.Equal("cache:6379,password=s3cret,ssl=true", choice.ConnectionString);
        Assert.DoesNotContain("s3cret", choice.Reason);
        Assert.Contains("password=***", choice.Reason);
    }
}
