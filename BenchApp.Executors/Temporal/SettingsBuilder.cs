using System.Text.Json;

namespace BenchApp.Executors.Temporal;

/// <summary>Builds /v1/info <c>settings</c>: string, number and bool values as JSON elements.</summary>
internal sealed class SettingsBuilder
{
    private readonly Dictionary<string, JsonElement> _values = [];

    public SettingsBuilder Add(string name, string value) => Set(name, w => w.WriteStringValue(value));
    public SettingsBuilder Add(string name, double value) => Set(name, w => w.WriteNumberValue(value));
    public SettingsBuilder Add(string name, int value) => Set(name, w => w.WriteNumberValue(value));
    public SettingsBuilder Add(string name, bool value) => Set(name, w => w.WriteBooleanValue(value));

    public IReadOnlyDictionary<string, JsonElement> Build() => _values;

    private SettingsBuilder Set(string name, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        _values[name] = document.RootElement.Clone();
        return this;
    }
}
