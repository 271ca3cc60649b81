using System.Net;
using System.Net.Sockets;
using BenchApp.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BenchApp.Tests.AppHost;

/// <summary>
/// The Temporal row as a user's machine would produce it: no CLI, an old CLI on PATH (a stub script printing an
/// old version), a current one, one that hangs, and a configured port already taken. Probe and planner together.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InfrastructureTemporalProbeTests : IDisposable
{
    private readonly DirectoryInfo _path = Directory.CreateTempSubdirectory("benchapp-temporal-path-");

    public void Dispose() => _path.Delete(recursive: true);

    private void StubCli(string script)
    {
        var file = Path.Combine(_path.FullName, "temporal");
        File.WriteAllText(file, "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private InfrastructureChoice Choose(IDictionary<string, string?>? settings = null, bool docker = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var probe = InfrastructureProbeReader.Read(configuration, () => docker, searchPath: _path.FullName, versionTimeout: TimeSpan.FromSeconds(2));
        return InfrastructurePlanner.ChooseTemporal(probe);
    }

    [Fact]
    public void No_cli_no_docker_is_unavailable_saying_how_to_get_one()
    {
        var choice = Choose();

        Assert.Equal(InfrastructureMode.None, choice.Mode);
        Assert.Contains("no 'temporal' CLI on PATH", choice.Reason);
    }

    [Fact]
    public void An_old_cli_is_refused_with_its_version()
    {
        StubCli("echo 'temporal version 1.1.2 (Server 1.25.2, UI 2.31.2)'");

        var choice = Choose();

        Assert.Equal(InfrastructureMode.None, choice.Mode);
        Assert.StartsWith("unavailable: temporal CLI 1.1.2 is older than 1.2.0", choice.Reason);
    }

    [Fact]
    public void An_old_cli_forced_by_configuration_is_refused_too_and_auto_falls_back_to_docker()
    {
        StubCli("echo 'temporal version 1.0.0 (Server 1.24.2, UI 2.28.0)'");

        Assert.StartsWith("unavailable: temporal CLI 1.0.0", Choose(new Dictionary<string, string?> { ["Infrastructure:Temporal:Mode"] = "executable" }).Reason);
        var auto = Choose(docker: true);
        Assert.Equal(InfrastructureMode.Container, auto.Mode);
        Assert.Contains("temporal CLI 1.0.0 is older than 1.2.0", auto.Reason);
    }

    [Fact]
    public void A_current_cli_is_used_and_its_version_decides_the_arguments()
    {
        StubCli("echo 'temporal version 1.8.2 (Server 1.31.2, UI 2.44.1)'");

        var choice = Choose();

        Assert.Equal((InfrastructureMode.Executable, new Version(1, 8, 2)), (choice.Mode, choice.ExecutableVersion));
        Assert.Contains("version 1.8.2", choice.Reason);
    }

    [Fact]
    public void A_cli_that_does_not_answer_its_version_is_used_with_the_version_unknown()
    {
        StubCli("sleep 30");

        var choice = Choose();

        Assert.Equal((InfrastructureMode.Executable, (Version?)null), (choice.Mode, choice.ExecutableVersion));
        Assert.Contains("version unknown", choice.Reason);
    }

    [Fact]
    public void A_configured_port_that_is_taken_is_unavailable_and_says_how_to_use_that_server()
    {
        StubCli("echo 'temporal version 1.8.2 (Server 1.31.2, UI 2.44.1)'");
        using var other = new TcpListener(IPAddress.Loopback, 0); // a dev server of the user's own
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var choice = Choose(new Dictionary<string, string?> { ["Infrastructure:Temporal:Port"] = port.ToString() });

        Assert.Equal(InfrastructureMode.None, choice.Mode);
        Assert.Contains($"port {port} (Infrastructure:Temporal:Port/UiPort) is already in use", choice.Reason);
        Assert.Contains($"ConnectionStrings__temporal=127.0.0.1:{port}", choice.Reason);
    }

    [Fact]
    public void Unconfigured_ports_are_never_taken()
    {
        StubCli("echo 'temporal version 1.8.2 (Server 1.31.2, UI 2.44.1)'");

        Assert.Equal(InfrastructureMode.Executable, Choose().Mode);
    }
}
