using System.Text;

namespace BenchApp.Robustness.Tests;

/// <summary>
/// Bad input for <c>POST /v1/runs</c>, from docs/executor-api.md: the body limit (131,072 bytes), the message
/// rules (required, not blank, at most 65,536 UTF-8 bytes, no control characters but \n \r \t), the session id
/// pattern <c>^[A-Za-z0-9_-]{1,64}$</c> (unknown: 404), max_iterations 1..50, 415 for non-JSON, 405 for a wrong method.
/// A few valid requests near the edges are in the table too, so a service that refuses everything fails.
/// </summary>
public static class ExecutorCases
{
    private const string Hi = "#bench reply_tokens=2";

    public static readonly IReadOnlyList<BadInputCase> All =
    [
        // The body as a whole.
        BadInputCase.Text("malformed-json", "an object cut short", """{"message": "hi" """, 400, "body"),
        BadInputCase.Text("trailing-garbage", "a valid object then junk", """{"message":"hi"} x""", 400, "body"),
        BadInputCase.Text("empty-body", "zero bytes", "", 400, "body"),
        BadInputCase.Text("json-array", "an array, not an object", """[{"message":"hi"}]""", 400, "body"),
        BadInputCase.Text("json-string", "a bare string", "\"hi\"", 400, "body"),
        BadInputCase.Text("json-null", "the literal null", "null", 400, "body"),
        BadInputCase.Text("deep-nesting", "an unknown field nested 10,000 arrays deep", $$"""{"message":"hi","pad":{{BadInputCase.Nested(10_000)}}}""", 400, "body"),
        BadInputCase.Text("body-over-limit", "131,073+ bytes: a short message plus a 140,000-byte unknown field",
            $$"""{"message":"hi","pad":"{{new string('x', 140_000)}}"}""", 400, "body"),
        BadInputCase.Text("body-4mib", "a 4 MiB body", $$"""{"message":"{{new string('x', 4 << 20)}}"}""", 400, "body"),
        BadInputCase.Bytes("non-utf8", "bytes 0xFF 0xFE inside the message string",
            BadInputCase.Splice("""{"message":"hi """, [0xFF, 0xFE], "\"}"), 400, "body|message"),
        BadInputCase.Bytes("overlong-utf8", "an overlong UTF-8 encoding of '/' (0xC0 0xAF)",
            BadInputCase.Splice("""{"message":"a""", [0xC0, 0xAF], "\"}"), 400, "body|message"),
        BadInputCase.Text("lone-surrogate", "the escape \\ud800 (a UTF-16 half, not a character)", """{"message":"hi \ud800"}""", 400, "body|message"),
        BadInputCase.Text("text-plain", "a JSON body sent as text/plain", """{"message":"hi"}""", 415, contentType: "text/plain"),
        BadInputCase.Text("no-content-type", "a JSON body without Content-Type", """{"message":"hi"}""", 415, contentType: null),
        BadInputCase.Text("form-urlencoded", "message=hi as a form", "message=hi", 415, contentType: "application/x-www-form-urlencoded"),
        new("get-runs", "GET on POST /v1/runs", [], null, 405, 405, Method: "GET"),
        new("put-runs", "PUT on POST /v1/runs", Encoding.UTF8.GetBytes("""{"message":"hi"}"""), BadInputCase.Json, 405, 405, Method: "PUT"),

        // message
        BadInputCase.Text("message-missing", "{}", "{}", 400, "message"),
        BadInputCase.Text("message-null", "message: null", """{"message":null}""", 400, "message"),
        BadInputCase.Text("message-number", "message: 42", """{"message":42}""", 400, "message"),
        BadInputCase.Text("message-object", "message: an object", """{"message":{"text":"hi"}}""", 400, "message"),
        BadInputCase.Text("message-array", "message: an array of strings", """{"message":["hi"]}""", 400, "message"),
        BadInputCase.Text("message-bool", "message: true", """{"message":true}""", 400, "message"),
        BadInputCase.Text("message-empty", "message: \"\"", """{"message":""}""", 400, "message"),
        BadInputCase.Text("message-blank", "spaces, tabs and newlines only", """{"message":"  \t\n\r "}""", 400, "message"),
        BadInputCase.Text("message-65537-ascii", "65,537 ASCII bytes", $$"""{"message":"{{new string('a', 65_537)}}"}""", 400, "message"),
        BadInputCase.Text("message-65538-utf8-bytes", "21,846 x '€' = 65,538 UTF-8 bytes but 21,846 chars",
            $$"""{"message":"{{string.Concat(Enumerable.Repeat("€", 21_846))}}"}""", 400, "message"),
        BadInputCase.Text("message-nul", "a NUL (\\u0000) in the text", """{"message":"hi\u0000there"}""", 400, "message"),
        BadInputCase.Text("message-bell", "\\u0007", """{"message":"hi\u0007"}""", 400, "message"),
        BadInputCase.Text("message-escape", "an ANSI escape \\u001b[31m", """{"message":"\u001b[31mred"}""", 400, "message"),
        BadInputCase.Text("message-del", "DEL \\u007f (a Cc control character)", """{"message":"hi\u007f"}""", 400, "message"),
        BadInputCase.Text("message-c1", "NEL \\u0085 (a C1 control character)", """{"message":"hi\u0085"}""", 400, "message"),

        // session_id
        BadInputCase.Text("session-unknown", "a well-formed id no one created", """{"message":"hi","session_id":"0123456789abcdef0123456789abcdef"}""", 404),
        BadInputCase.Text("session-empty", "session_id: \"\"", """{"message":"hi","session_id":""}""", 400, "session_id"),
        BadInputCase.Text("session-65-chars", "65 characters", $$"""{"message":"hi","session_id":"{{new string('a', 65)}}"}""", 400, "session_id"),
        BadInputCase.Text("session-path", "../../etc/passwd", """{"message":"hi","session_id":"../../etc/passwd"}""", 400, "session_id"),
        BadInputCase.Text("session-redis-glob", "a Redis key pattern *", """{"message":"hi","session_id":"*"}""", 400, "session_id"),
        BadInputCase.Text("session-space", "a space inside", """{"message":"hi","session_id":"abc def"}""", 400, "session_id"),
        BadInputCase.Text("session-newline", "a newline at the end (regex $ trap)", """{"message":"hi","session_id":"abc\n"}""", 400, "session_id"),
        BadInputCase.Text("session-unicode", "non-ASCII letters", """{"message":"hi","session_id":"ñandú"}""", 400, "session_id"),
        BadInputCase.Text("session-number", "session_id: 123", """{"message":"hi","session_id":123}""", 400, "session_id"),
        BadInputCase.Text("session-object", "session_id: {}", """{"message":"hi","session_id":{}}""", 400, "session_id"),

        // max_iterations
        BadInputCase.Text("max-iterations-0", "0", """{"message":"hi","max_iterations":0}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-51", "51", """{"message":"hi","max_iterations":51}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-negative", "-1", """{"message":"hi","max_iterations":-1}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-huge", "a 20-digit integer (over 64 bits)", """{"message":"hi","max_iterations":99999999999999999999}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-fraction", "1.5", """{"message":"hi","max_iterations":1.5}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-string", "\"10\"", """{"message":"hi","max_iterations":"10"}""", 400, "max_iterations"),
        BadInputCase.Text("max-iterations-bool", "true", """{"message":"hi","max_iterations":true}""", 400, "max_iterations"),

        // Valid requests at the edges: they must still work.
        BadInputCase.Text("ok-nulls", "optional fields null mean absent", $$"""{"message":"{{Hi}}","session_id":null,"max_iterations":null}""", 200),
        BadInputCase.Text("ok-unknown-fields", "unknown fields are ignored", $$$"""{"message":"{{{Hi}}}","temperature":0.5,"extra":{"a":[1,2]}}""", 200),
        BadInputCase.Text("ok-allowed-whitespace", "\\n, \\r and \\t are allowed", $$"""{"message":"{{Hi}}\n\tindented\r\nline"}""", 200),
        BadInputCase.Text("ok-max-iterations-50", "the upper bound", $$"""{"message":"{{Hi}}","max_iterations":50}""", 200),
        BadInputCase.Text("ok-charset", "Content-Type with charset=utf-8", $$"""{"message":"{{Hi}}"}""", 200, contentType: "application/json; charset=utf-8"),
        BadInputCase.Text("ok-65536-bytes", "exactly 65,536 bytes of message", $$"""{"message":"{{Hi}}\n{{new string('a', 65_536 - Hi.Length - 1)}}"}""", 200),
    ];

    public static TheoryData<string> Names() => new(All.Select(c => c.Name));

    public static BadInputCase Get(string name) => All.Single(c => c.Name == name);
}
