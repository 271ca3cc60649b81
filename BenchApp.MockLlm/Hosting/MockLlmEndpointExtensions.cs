using BenchApp.MockLlm.Admin;
using BenchApp.MockLlm.Anthropic;
using BenchApp.MockLlm.Gemini;
using BenchApp.MockLlm.OpenAi;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the provider APIs (<c>/v1/...</c>, Gemini's <c>/v1beta/...</c>) and the admin API (<c>/admin/...</c>).</summary>
public static class MockLlmEndpointExtensions
{
    public static WebApplication MapMockLlmEndpoints(this WebApplication app)
    {
        app.MapOpenAiChatEndpoint();
        app.MapAnthropicMessagesEndpoint();
        app.MapGeminiEndpoint();
        app.MapAdminEndpoints();
        return app;
    }
}
