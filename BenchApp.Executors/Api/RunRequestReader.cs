using System.Text.Json;
using System.Text.Unicode;
using BenchApp.Contracts.Runs;

namespace BenchApp.Executors.Api;

/// <summary>
/// Reads a <c>POST /v1/runs</c> body field by field with <see cref="Utf8JsonReader"/>, so each failure names its
/// field (a wrong type as well as a broken rule) with the same messages as the Python executors, then applies
/// the Contracts' <see cref="RunRequestValidator"/>.
/// </summary>
public static class RunRequestReader
{
    private const string MessageField = "message";
    private const string SessionIdField = "session_id";
    private const string MaxIterationsField = "max_iterations";

    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0) media = media[..semicolon];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The request, or the problem (400) that says what is wrong with it.</summary>
    public static (ValidRunRequest? Request, ProblemBody? Problem) Read(ReadOnlySpan<byte> body)
    {
        if (body.Length > ContractLimits.MaxBodyBytes)
            return (null, Problems.Field("body", $"Must be at most {ContractLimits.MaxBodyBytes} bytes."));
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (!Utf8.IsValid(body))
            return (null, Problems.Field("body", "Must be valid UTF-8."));

        string? message = null, sessionId = null;
        int? maxIterations = null;
        string? messageError = null, sessionIdError = null, maxIterationsError = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 1000 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read()) { } // anything after the value is malformed JSON, reported as such
                return (null, Problems.Field("body", "A JSON object is required."));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(MessageField))
                {
                    reader.Read();
                    (message, messageError) = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals(SessionIdField))
                {
                    reader.Read();
                    (sessionId, sessionIdError) = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals(MaxIterationsField))
                {
                    reader.Read();
                    (maxIterations, maxIterationsError) = ReadInteger(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip(); // unknown fields are ignored
                }
            }
            while (reader.Read()) { }
        }
        catch (JsonException)
        {
            return (null, Problems.Field("body", "Malformed JSON."));
        }

        var rules = RunRequestValidator.Validate(new RunRequest { Message = message, SessionId = sessionId, MaxIterations = maxIterations });
        var errors = new Dictionary<string, string[]>();
        Add(errors, MessageField, messageError, rules);
        Add(errors, SessionIdField, sessionIdError, rules);
        Add(errors, MaxIterationsField, maxIterationsError, rules);
        if (errors.Count > 0) return (null, ProblemBody.Validation(errors));

        return (new ValidRunRequest(message!, sessionId, maxIterations ?? ContractLimits.DefaultMaxIterations), null);
    }

    // A wrong type is the field's only error; else the validator's rule, if broken.
    private static void Add(Dictionary<string, string[]> errors, string field, string? typeError, Dictionary<string, string[]> rules)
    {
        if (typeError is not null) errors[field] = [typeError];
        else if (rules.TryGetValue(field, out var messages)) errors[field] = messages;
    }

    private static (string? Value, string? Error) ReadString(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return (reader.GetString(), null);
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate ("\ud800") has no .NET string form.
                    return (null, "Must be valid Unicode (unpaired surrogate).");
                }
            case JsonTokenType.Null: return (null, null);
            default:
                reader.Skip();
                return (null, "Must be a string.");
        }
    }

    private static (int? Value, string? Error) ReadInteger(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return (null, null);
            case JsonTokenType.Number when reader.TryGetInt32(out var value):
                return (value, null);
            case JsonTokenType.Number when reader.ValueSpan.IndexOfAny(".eE"u8) < 0:
                // An integer too large for int: it is an integer, out of range (as the Python executors say).
                return (reader.ValueSpan[0] == (byte)'-' ? int.MinValue : int.MaxValue, null);
            default:
                reader.Skip();
                return (null, "Must be an integer.");
        }
    }
}
