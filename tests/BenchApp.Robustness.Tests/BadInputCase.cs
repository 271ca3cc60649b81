using System.Text;

namespace BenchApp.Robustness.Tests;

/// <summary>
/// One bad (or borderline-good) request and what a well-behaved service answers to it.
/// <paramref name="Field"/> is the field the error must name: the <c>errors</c> key of an executor's problem,
/// the provider error's <c>param</c>/message of the mock LLM. Alternatives are separated by <c>|</c>
/// (e.g. invalid UTF-8 may be reported against <c>body</c> or <c>message</c>). Null: no field expected.
/// </summary>
public sealed record BadInputCase(
    string Name,
    string What,
    byte[] Body,
    string? ContentType,
    int MinStatus,
    int MaxStatus,
    string? Field = null,
    string Method = "POST")
{
    public const string Json = "application/json";

    public static BadInputCase Text(string name, string what, string body, int status, string? field = null, string? contentType = Json) =>
        new(name, what, Encoding.UTF8.GetBytes(body), contentType, status, status, field);

    public static BadInputCase Bytes(string name, string what, byte[] body, int status, string? field = null, string? contentType = Json) =>
        new(name, what, body, contentType, status, status, field);

    public bool IsSuccess => MinStatus is >= 200 and < 300;

    public string[] Fields => Field?.Split('|') ?? [];

    public string Expected => MinStatus == MaxStatus ? $"{MinStatus}" : $"{MinStatus}-{MaxStatus}";

    public override string ToString() => Name;

    /// <summary>A JSON array nested <paramref name="depth"/> deep, e.g. <c>[[[]]]</c>: past every parser's depth limit.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>UTF-8 bytes of <paramref name="prefix"/>, then <paramref name="raw"/> verbatim, then <paramref name="suffix"/>.</summary>
    public static byte[] Splice(string prefix, byte[] raw, string suffix) =>
        [.. Encoding.UTF8.GetBytes(prefix), .. raw, .. Encoding.UTF8.GetBytes(suffix)];
}
