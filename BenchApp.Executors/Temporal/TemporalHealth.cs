using Temporalio.Client;

namespace BenchApp.Executors.Temporal;

/// <summary>Whether the Temporal frontend answers its gRPC health check within a bound; never throws.</summary>
public static class TemporalHealth
{
    public static async Task<bool> AnswersAsync(ITemporalClient client, TimeSpan within, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(within);
            var connection = client.Connection;
            if (!connection.IsConnected) await connection.ConnectAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            return await connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = timeout.Token, Timeout = within }).ConfigureAwait(false);
        }
        catch (Exception) // any failure means "does not answer"
        {
            return false;
        }
    }
}
