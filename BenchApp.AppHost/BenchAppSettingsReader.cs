using BenchApp.Contracts.Executors;
using Microsoft.Extensions.Configuration;

namespace BenchApp.AppHost;

/// <summary>Reads and checks <see cref="BenchAppSettings"/>; a bad value stops the AppHost naming the key.</summary>
public static class BenchAppSettingsReader
{
    /// <summary>The catalogue's executors (contracts/executors.json).</summary>
    public static IReadOnlyList<string> KnownExecutors => ExecutorCatalog.Names;

    /// <summary>
    /// Whether to run without the dashboard, known before the builder exists (the dashboard is an option of its
    /// creation): from <c>--BenchApp:Headless=true</c> or <c>BenchApp__Headless=true</c>.
    /// </summary>
    public static bool IsHeadless(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build()
            .GetValue<bool>($"{BenchAppSettings.Section}:{nameof(BenchAppSettings.Headless)}");

    public static BenchAppSettings Read(IConfiguration configuration)
    {
        BenchAppSettings settings;
        try
        {
            settings = configuration.GetSection(BenchAppSettings.Section).Get<BenchAppSettings>() ?? new();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{BenchAppSettings.Section}: {e.Message}", e);
        }

        var errors = Validate(settings);
        return errors.Count == 0 ? settings : throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    public static List<string> Validate(BenchAppSettings settings)
    {
        var errors = new List<string>();
        if (settings.Llm.Mode is not ("mock" or "provider"))
            errors.Add($"BenchApp:Llm:Mode is '{settings.Llm.Mode}'; expected 'mock' or 'provider'.");
        if (settings.Llm.IsProvider && !Uri.TryCreate(settings.Llm.BaseUrl, UriKind.Absolute, out _))
            errors.Add("BenchApp:Llm:BaseUrl must be an absolute URL (e.g. https://api.openai.com/v1) when BenchApp:Llm:Mode is 'provider'.");
        if (string.IsNullOrWhiteSpace(settings.Llm.Model))
            errors.Add("BenchApp:Llm:Model must not be empty.");
        if (settings.Iterations is < 1)
            errors.Add($"BenchApp:Iterations is {settings.Iterations}; it must be at least 1.");
        foreach (var name in settings.Executors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!KnownExecutors.Contains(name))
                errors.Add($"BenchApp:Executors names '{name}'; known executors: {string.Join(", ", KnownExecutors)}.");
        return errors;
    }
}
