using System.Net.Sockets;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.Integration;

/// <summary>
/// A Temporal server (TEMPORAL_ADDRESS when it answers, else <c>temporal server start-dev</c> when the CLI is on
/// PATH), the real mock LLM and the temporal executor. Without a server the tests skip and say how to provide one.
/// </summary>
public sealed class TemporalStack : IAsyncLifetime
{
    private ChildProcess? _devServer;
    private MockLlmServer? _mock;
    private string _address = "";
    private readonly string _taskQueue = "benchapp-test-" + Guid.NewGuid().ToString("N")[..8];

    public string? UnavailableReason { get; private set; }
    public ExecutorProcess Executor { get; private set; } = null!;
    public MockLlmAdmin Mock { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        UnavailableReason = MockLlmServer.UnavailableReason() ?? await StartTemporalAsync();
        if (UnavailableReason is not null) return;
        _mock = await MockLlmServer.StartAsync();
        Mock = new MockLlmAdmin(_mock.BaseUri);
        Executor = await StartExecutorAsync();
    }

    /// <summary>A temporal executor on this server and task queue (a second one after a crash, or with settings of its own).</summary>
    public Task<ExecutorProcess> StartExecutorAsync(IDictionary<string, string?>? settings = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["LLM_BASE_URL"] = _mock!.OpenAiBaseUri.ToString(),
            ["TEMPORAL_ADDRESS"] = _address,
            ["Executor__Temporal__TaskQueue"] = _taskQueue,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) env[key] = value;
        return ExecutorProcess.StartAsync("temporal", env);
    }

    public void SkipIfUnavailable()
    {
        if (UnavailableReason is not null) Assert.Skip(UnavailableReason);
    }

    private async Task<string?> StartTemporalAsync()
    {
        if (Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is { Length: > 0 } given)
        {
            _address = given;
            return await AnswersAsync(given) ? null : $"TEMPORAL_ADDRESS={given} does not answer: start that Temporal server, or unset it to use the temporal CLI.";
        }

        var cli = ExecutableSearch.Find("temporal");
        if (cli is null)
            return "No Temporal server: set TEMPORAL_ADDRESS=host:port of a running server, or put the temporal CLI on PATH (the tests then run 'temporal server start-dev').";

        var port = FreePort.Get();
        _address = $"127.0.0.1:{port}";
        // As the AppHost starts it: updates, update-with-start and eager activities on (an unread key is ignored).
        _devServer = ChildProcess.Start(cli, ["server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", port.ToString(), "--log-level", "warn",
            "--dynamic-config-value", "frontend.enableUpdateWorkflowExecution=true",
            "--dynamic-config-value", "frontend.enableExecuteMultiOperation=true",
            "--dynamic-config-value", "system.enableActivityEagerExecution=true"]);
        for (var i = 0; i < 120; i++)
        {
            if (await AnswersAsync(_address)) return null;
            if (_devServer.HasExited) break;
            await Task.Delay(250);
        }
        return $"'temporal server start-dev' did not answer on {_address}: {_devServer.Output}";
    }

    private static async Task<bool> AnswersAsync(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port)) return false;
        try
        {
            using var tcp = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await tcp.ConnectAsync(address[..colon], port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Executor is not null) await Executor.DisposeAsync();
        Mock?.Dispose();
        if (_mock is not null) await _mock.DisposeAsync();
        if (_devServer is not null) await _devServer.DisposeAsync();
    }
}
