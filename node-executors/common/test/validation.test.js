import assert from "node:assert/strict";
import { test } from "node:test";
import { Problem } from "../src/problems.js";
import { isJsonContentType, messageError, parseBody, validate } from "../src/validation.js";

function problemOf(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Problem, `not a Problem: ${e}`);
    return e.toBody();
  }
  assert.fail("no problem raised");
}

const bodyOf = (text) => Buffer.from(text, "utf8");

test("a valid request, nulls as absent, unknown fields ignored", () => {
  assert.deepEqual(validate({ message: "hi", session_id: null, max_iterations: null, x: 1 }), { message: "hi", sessionId: null, maxIterations: 10 });
  assert.deepEqual(validate({ message: "hi", session_id: "a-b_C9", max_iterations: 50 }), { message: "hi", sessionId: "a-b_C9", maxIterations: 50 });
});

test("field errors carry the contract's names and messages, all of them at once", () => {
  const body = problemOf(() => validate({ message: "", max_iterations: 0, session_id: "dot.dot" }));
  assert.deepEqual(body, {
    type: "https://benchapp.dev/problems/validation",
    title: "One or more fields are invalid.",
    status: 400,
    detail: "message: Must not be empty. session_id: Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'. max_iterations: Must be between 1 and 50.",
    errors: {
      message: ["Must not be empty."],
      session_id: ["Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'."],
      max_iterations: ["Must be between 1 and 50."],
    },
  });
});

test("message rules", () => {
  assert.equal(messageError(undefined), "Is required.");
  assert.equal(messageError(42), "Must be a string.");
  assert.equal(messageError(" \n\t\u2003\u0085"), "Must not be empty.");
  assert.equal(messageError("a\u0000b"), "Must not contain control characters (found U+0000).");
  assert.equal(messageError("a\u001bb"), "Must not contain control characters (found U+001B).");
  assert.equal(messageError("a\u009fb"), "Must not contain control characters (found U+009F).");
  assert.equal(messageError("tab\tnew\nline\r"), null);
  assert.equal(messageError("x".repeat(65_536)), null);
  assert.equal(messageError("x".repeat(65_537)), "Must be at most 65536 bytes of UTF-8.");
  assert.equal(messageError("é".repeat(32_769)), "Must be at most 65536 bytes of UTF-8.");
  assert.equal(messageError("ok 😀"), null);
  assert.equal(messageError("bad \ud83d end"), "Must be valid Unicode (unpaired surrogate).");
  assert.equal(messageError("bad \ude00"), "Must be valid Unicode (unpaired surrogate).");
  assert.equal(messageError("\u001c"), "Must not contain control characters (found U+001C)."); // not whitespace in .NET
});

test("session_id and max_iterations types", () => {
  assert.deepEqual(problemOf(() => validate({ message: "hi", session_id: 12 })).errors, { session_id: ["Must be a string."] });
  assert.deepEqual(problemOf(() => validate({ message: "hi", session_id: "a".repeat(65) })).errors.session_id.length, 1);
  assert.deepEqual(problemOf(() => validate({ message: "hi", session_id: "abc\n" })).errors.session_id.length, 1);
  for (const bad of ["5", 2.5, true, [], {}]) {
    assert.deepEqual(problemOf(() => validate({ message: "hi", max_iterations: bad })).errors, { max_iterations: ["Must be an integer."] }, JSON.stringify(bad));
  }
  assert.deepEqual(problemOf(() => validate({ message: "hi", max_iterations: -1 })).errors, { max_iterations: ["Must be between 1 and 50."] });
});

test("bodies: malformed JSON, not an object, bad UTF-8, over the limit", () => {
  const field = (text) => problemOf(() => validate(parseBody(typeof text === "string" ? bodyOf(text) : text)));
  for (const text of ["{", "", '{"message":"hi"', "NaN", "[1,2]", '"text"', "null"]) {
    const p = field(text);
    assert.ok(p.errors.body, text);
    assert.match(p.detail, /^body: /);
  }
  assert.deepEqual(field("[1]").errors, { body: ["A JSON object is required."] });
  assert.deepEqual(field("{").errors, { body: ["Malformed JSON."] });
  assert.deepEqual(field(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])).errors, { body: ["Must be valid UTF-8."] });
  assert.deepEqual(field(Buffer.from('{"message":"hi"}', "utf16le")).errors.body.length, 1);
  assert.deepEqual(field(Buffer.alloc(131_073, 0x20)).errors, { body: ["Must be at most 131072 bytes."] });
  assert.deepEqual(validate(parseBody(bodyOf('\ufeff{"message":"hi"}'))).message, "hi"); // one BOM is allowed
  // Nesting: 1000 levels parse, 1001 do not; brackets inside strings are text.
  const nested = (n) => `{"message":"hi","x":${"[".repeat(n - 1)}${"]".repeat(n - 1)}}`;
  assert.equal(validate(parseBody(bodyOf(nested(1000)))).message, "hi");
  assert.deepEqual(field(nested(1001)).errors, { body: ["Must not nest deeper than 1000 levels."] });
  assert.equal(validate(parseBody(bodyOf(`{"message":"${"[".repeat(2000)}"}`))).message, "[".repeat(2000));
});

test("JSON content types", () => {
  for (const ok of ["application/json", "Application/JSON; charset=utf-8", "application/problem+json"]) assert.ok(isJsonContentType(ok), ok);
  for (const bad of [undefined, "", "text/plain", "application/x-www-form-urlencoded", "text/json"]) assert.ok(!isJsonContentType(bad), bad);
});
