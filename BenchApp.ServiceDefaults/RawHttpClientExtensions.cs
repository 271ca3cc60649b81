using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The opt-out from the standard resilience handler that <c>AddServiceDefaults</c> puts on every HttpClient.
/// A client that measures (the load driver) or that retries by its own policy must see each attempt raw:
/// register it with <see cref="AddRawHttpClient(IServiceCollection, string)"/>.
/// </summary>
public static class RawHttpClientExtensions
{
    public static IHttpClientBuilder AddRawHttpClient(this IServiceCollection services, string name)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented opt-out.
        return services.AddHttpClient(name).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
