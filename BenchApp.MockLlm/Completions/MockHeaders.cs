using System.Globalization;
using BenchApp.Contracts.MockLlm;

namespace BenchApp.MockLlm.Completions;

/// <summary>The headers every /v1 reply carries: deliberate wait, own processing time, request id.</summary>
public static class MockHeaders
{
    public static void Set(HttpResponse response, string requestIdHeader, string requestId, double waitMs, double processingMs)
    {
        var headers = response.Headers;
        headers[MockLlmApi.WaitHeader] = FormatMs(waitMs);
        headers[MockLlmApi.ProcessingHeader] = FormatMs(processingMs);
        headers[requestIdHeader] = requestId;
    }

    public static string FormatMs(double ms) =>
        ms <= 0 ? "0" : Math.Round(ms, 3).ToString(CultureInfo.InvariantCulture);
}
