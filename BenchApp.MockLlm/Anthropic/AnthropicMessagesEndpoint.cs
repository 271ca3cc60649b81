using BenchApp.Contracts.MockLlm;
using BenchApp.MockLlm.Completions;

namespace BenchApp.MockLlm.Anthropic;

/// <summary><c>POST /v1/messages</c>: Anthropic's Messages API, non-streaming and streaming.</summary>
public static class AnthropicMessagesEndpoint
{
    public static IEndpointRouteBuilder MapAnthropicMessagesEndpoint(this IEndpointRouteBuilder app)
    {
        var flow = app.ServiceProvider.GetRequiredService<CompletionFlow>();
        app.MapPost(MockLlmApi.MessagesPath, context => flow.HandleAsync(context, AnthropicProtocol.Instance));
        return app;
    }
}
