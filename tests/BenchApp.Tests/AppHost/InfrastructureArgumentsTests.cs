using BenchApp.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BenchApp.Tests.AppHost;

public class InfrastructureArgumentsTests
{
    [Fact]
    public void Temporal_cli_arguments_start_a_dev_server_on_the_configured_ports()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions { Port = 7300, UiPort = 8300 });

        Assert.Equal(["server", "start-dev", "--ip", "127.0.0.1", "--port", "7300", "--ui-port", "8300", "--log-level", "warn"], args);
    }

    [Fact]
    public void Temporal_cli_arguments_add_headless_and_extra_namespace()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions { Headless = true, Namespace = "bench" });

        Assert.Contains("--headless", args);
        Assert.Equal("bench", args[args.ToList().IndexOf("--namespace") + 1]);
    }

    [Fact]
    public void Temporal_in_a_container_listens_on_every_interface()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions(), inContainer: true);

        Assert.Equal("0.0.0.0", args[args.ToList().IndexOf("--ip") + 1]);
    }

    [Fact]
    public void Redis_server_arguments_bind_loopback_and_persist_nothing()
    {
        Assert.Equal(["--port", "6390", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], RedisServerArguments.Build(6390));
    }

    [Theory]
    [InlineData("localhost:6379", "localhost", 6379)]
    [InlineData("127.0.0.1:40001,password=x", "127.0.0.1", 40001)]
    [InlineData("cache", "cache", 6379)]
    public void Redis_connection_strings_give_host_and_port(string connectionString, string host, int port)
    {
        Assert.Equal((host, port), RedisPingHealthCheck.ParseHostAndPort(connectionString));
    }

    [Theory]
    [InlineData(null, InfrastructureMode.Auto)]
    [InlineData("", InfrastructureMode.Auto)]
    [InlineData("none", InfrastructureMode.None)]
    [InlineData("Executable", InfrastructureMode.Executable)]
    [InlineData(" container ", InfrastructureMode.Container)]
    public void Modes_are_read_from_configuration(string? value, InfrastructureMode expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Infrastructure:Redis:Mode"] = value }).Build();

        Assert.Equal(expected, InfrastructureProbeReader.ReadMode(configuration, "Infrastructure:Redis:Mode"));
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("3")]
    public void An_unknown_mode_stops_the_app_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Infrastructure:Temporal:Mode"] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => InfrastructureProbeReader.ReadMode(configuration, "Infrastructure:Temporal:Mode"));
        Assert.Contains("Infrastructure:Temporal:Mode", error.Message);
    }

    [Fact]
    public void Probe_reads_temporal_address_from_either_setting()
    {
        var fromConnectionString = InfrastructureProbeReader.Read(Config(("ConnectionStrings:temporal", "a:7233")), () => false);
        var fromEnvironmentName = InfrastructureProbeReader.Read(Config(("TEMPORAL_ADDRESS", "b:7233")), () => false);

        Assert.Equal("a:7233", fromConnectionString.TemporalConnectionString);
        Assert.Equal("b:7233", fromEnvironmentName.TemporalConnectionString);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Path_search_finds_only_executable_files()
    {
        var dir = Directory.CreateTempSubdirectory("benchapp-path-");
        try
        {
            var tool = Path.Combine(dir.FullName, "temporal");
            File.WriteAllText(tool, "#!/bin/sh\n");
            Assert.Null(PathSearch.Find("temporal", dir.FullName));

            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.Equal(tool, PathSearch.Find("temporal", dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
