using System.Net;
using System.Text;
using BenchApp.TestSupport;

namespace BenchApp.Executors.Tests.AgentFramework;

/// <summary>
/// A loopback HTTP server that answers the OpenAI SDK as a test says and keeps each request body: a test double of the
/// chat-completions protocol, so the SDK's real pipeline (retries, timeouts, parsing) runs against it.
/// </summary>
public sealed class LoopbackLlm : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, string, HttpListenerResponse, Task> _answer;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackLlm(Func<int, string, HttpListenerResponse, Task> answer)
    {
        _answer = answer;
        var port = FreePort.Get();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }
    public List<string> Bodies { get; } = [];

    /// <summary>The number of bodies received once it reaches <paramref name="count"/>, or when the wait is over.</summary>
    public async Task<int> WaitForBodiesAsync(int count, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (BodyCount < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        return BodyCount;
    }

    private int BodyCount { get { lock (Bodies) return Bodies.Count; } }

    public static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public static string Completion(string content) =>
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}";

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                int index;
                lock (Bodies) { Bodies.Add(body); index = Bodies.Count - 1; }
                try { await _answer(index, body, context.Response); }
                catch (Exception) { /* the client gave up on a hanging answer */ }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Close();
        try { await _loop; } catch (Exception) { }
        _stop.Dispose();
    }
}
