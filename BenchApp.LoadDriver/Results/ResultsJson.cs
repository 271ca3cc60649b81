using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchApp.LoadDriver.Results;

/// <summary>JSON settings of results.json: snake_case like the contract, indented for diffs, enums as names.</summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static BenchmarkResults Read(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, ResultsWriter.ResultsFileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No results file at '{path}'.", path);
        BenchmarkResults? results;
        try
        {
            results = JsonSerializer.Deserialize<BenchmarkResults>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a results file: {e.Message}", e);
        }
        if (results is null) throw new InvalidDataException($"{path} is empty.");
        if (results.SchemaVersion != BenchmarkResults.CurrentSchemaVersion)
            throw new InvalidDataException($"{path} has schema_version {results.SchemaVersion}; this driver reads {BenchmarkResults.CurrentSchemaVersion}.");
        return results;
    }
}
