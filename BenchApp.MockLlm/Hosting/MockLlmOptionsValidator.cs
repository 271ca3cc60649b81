using System.Text;
using BenchApp.Contracts.MockLlm;
using Microsoft.Extensions.Options;

namespace BenchApp.MockLlm.Hosting;

/// <summary>
/// Start-up check of the <c>MockLlm</c> section (run by ValidateOnStart): the same rules as the admin API,
/// reported with the configuration key (<c>MockLlm:Latency:TtftMs</c>) so the operator knows what to fix.
/// </summary>
public sealed class MockLlmOptionsValidator : IValidateOptions<MockLlmOptions>
{
    public ValidateOptionsResult Validate(string? name, MockLlmOptions options)
    {
        var failures = MockLlmConfigValidator.Validate(options.ToConfig())
            .SelectMany(e => e.Value.Select(message => $"{ToConfigurationKey(e.Key)}: {message}"))
            .ToList();

        if (options.MaxRequestBodyBytes is < 1024 or > 256 * 1024 * 1024)
            failures.Add($"{MockLlmOptions.SectionName}:MaxRequestBodyBytes: Must be between 1024 and 268435456 (got {options.MaxRequestBodyBytes}).");
        if (options.MaxTrackedRuns is < 1 or > 10_000_000)
            failures.Add($"{MockLlmOptions.SectionName}:MaxTrackedRuns: Must be between 1 and 10000000 (got {options.MaxTrackedRuns}).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary><c>latency.jitter.stddev_ms</c> -> <c>MockLlm:Latency:Jitter:StddevMs</c>.</summary>
    public static string ToConfigurationKey(string field)
    {
        var key = new StringBuilder(MockLlmOptions.SectionName);
        foreach (var segment in field.Split('.'))
        {
            key.Append(':');
            foreach (var word in segment.Split('_', StringSplitOptions.RemoveEmptyEntries))
                key.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
        return key.ToString();
    }
}
