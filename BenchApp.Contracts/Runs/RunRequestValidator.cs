using System.Text;
using System.Text.RegularExpressions;

namespace BenchApp.Contracts.Runs;

/// <summary>Checks a <see cref="RunRequest"/> against the contract's limits; errors are keyed by field name.</summary>
public static partial class RunRequestValidator
{
    public static Dictionary<string, string[]> Validate(RunRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON object is required."];
            return errors;
        }

        if (MessageError(request.Message) is { } messageError)
            errors["message"] = [messageError];

        if (request.SessionId is not null && !IsValidSessionId(request.SessionId))
            errors["session_id"] = [$"Must be 1-{ContractLimits.MaxSessionIdLength} characters of A-Z, a-z, 0-9, '_' or '-'."];

        if (request.MaxIterations is { } max && max is < ContractLimits.MinIterations or > ContractLimits.MaxIterations)
            errors["max_iterations"] = [$"Must be between {ContractLimits.MinIterations} and {ContractLimits.MaxIterations}."];

        return errors;
    }

    public static bool IsValidSessionId(string sessionId) => SessionIdRegex().IsMatch(sessionId);

    private static string? MessageError(string? message)
    {
        if (message is null) return "Is required.";
        if (string.IsNullOrWhiteSpace(message)) return "Must not be empty.";
        if (Encoding.UTF8.GetByteCount(message) > ContractLimits.MaxMessageUtf8Bytes)
            return $"Must be at most {ContractLimits.MaxMessageUtf8Bytes} bytes of UTF-8.";
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return $"Must not contain control characters (found U+{(int)c:X4}).";
            if (char.IsHighSurrogate(c) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return "Must be valid Unicode (unpaired surrogate).";
        }
        return null;
    }

    // \A..\z, not ^..$: .NET's $ also matches before a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SessionIdRegex();
}
