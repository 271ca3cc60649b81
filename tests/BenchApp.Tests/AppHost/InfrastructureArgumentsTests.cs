using BenchApp.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BenchApp.Tests.AppHost;

public class InfrastructureArgumentsTests
{
    [Fact]
    public void Temporal_cli_arguments_start_a_dev_server_with_updates_update_with_start_and_eager_activities_on()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions(), port: 7300, uiPort: 8300, cliVersion: new Version(1, 5, 1));

        Assert.Equal(
        [
            "server", "start-dev", "--ip", "127.0.0.1", "--port", "7300", "--log-level", "warn", "--ui-port", "8300",
            "--dynamic-config-value", "frontend.enableUpdateWorkflowExecution=true",
            "--dynamic-config-value", "frontend.enableExecuteMultiOperation=true",
            "--dynamic-config-value", "system.enableActivityEagerExecution=true",
        ], args);
    }

    [Theory]
    [InlineData("1.8.2", false)] // server 1.31.2: the multi-operation key is gone (always on)
    [InlineData("1.6.0", false)] // server 1.30.0
    [InlineData("1.5.1", true)]  // server 1.29.1 still reads it
    [InlineData(null, true)]     // unknown: an unread key is harmless, a missing one is not
    public void The_multi_operation_key_is_passed_only_to_servers_that_read_it(string? version, bool passed)
    {
        var values = TemporalCliArguments.DynamicConfig(version is null ? null : Version.Parse(version));

        Assert.Contains("frontend.enableUpdateWorkflowExecution=true", values);
        Assert.Contains("system.enableActivityEagerExecution=true", values);
        Assert.Equal(passed, values.Contains("frontend.enableExecuteMultiOperation=true"));
    }

    [Fact]
    public void Temporal_cli_arguments_headless_have_no_ui_port_and_add_an_extra_namespace()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions { Headless = true, Namespace = "bench" }, 7300, 8300, null);

        Assert.Contains("--headless", args);
        Assert.DoesNotContain("--ui-port", args);
        Assert.Equal("bench", args[args.ToList().IndexOf("--namespace") + 1]);
    }

    [Fact]
    public void Temporal_in_a_container_listens_on_every_interface()
    {
        var args = TemporalCliArguments.Build(new TemporalServerOptions(), 7233, 8233, null, inContainer: true);

        Assert.Equal("0.0.0.0", args[args.ToList().IndexOf("--ip") + 1]);
    }

    [Theory]
    [InlineData("temporal version 1.8.2 (Server 1.31.2, UI 2.44.1)", "1.8.2")]
    [InlineData("temporal version 0.13.2 (server 1.22.4) (ui 2.21.3)", "0.13.2")]
    [InlineData("temporal version v1.1.2 (Server 1.25.2, UI 2.31.2)", "1.1.2")]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    public void The_cli_version_is_read_from_its_version_line(string output, string? expected)
    {
        Assert.Equal(expected is null ? null : Version.Parse(expected), TemporalCliVersion.Parse(output));
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
