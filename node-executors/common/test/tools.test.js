import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { contractsDir, definitions, describeWeather, evaluate, fnv1a, openAiTools, prepare } from "../src/tools.js";

const vectors = JSON.parse(readFileSync(join(contractsDir(), "tool-vectors.json"), "utf8")).vectors;

test("every vector of contracts/tool-vectors.json gives its pinned output, error flag and delay", () => {
  assert.ok(vectors.length >= 50, `only ${vectors.length} vectors`);
  for (const v of vectors) {
    const { result, delayMs } = prepare(v.tool, v.arguments);
    assert.deepEqual(
      { output: result.output, isError: result.isError, delayMs },
      { output: v.output, isError: v.is_error, delayMs: v.delay_ms },
      `${v.tool} ${v.arguments}`,
    );
  }
});

test("definitions are contracts/tools.json as is", () => {
  const document = JSON.parse(readFileSync(join(contractsDir(), "tools.json"), "utf8"));
  assert.deepEqual(definitions().map((d) => ({ ...d })), document.tools);
  assert.deepEqual(openAiTools()[0], { type: "function", function: document.tools[0] });
});

test("FNV-1a is 32-bit over UTF-8", () => {
  assert.equal(fnv1a(""), 2166136261);
  assert.equal(fnv1a("a"), 0xe40c292c); // the published FNV-1a 32 test value
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
  assert.equal(fnv1a("\ud800"), fnv1a("\ufffd")); // a lone surrogate is encoded as U+FFFD, like C#
});

test("weather trims .NET whitespace and lowers only A-Z before hashing", () => {
  assert.equal(prepare("get_weather", '{"city":"\\u0085Paris\\u2003"}').result.output, describeWeather("Paris", "celsius"));
  // U+FEFF is not whitespace in .NET (JavaScript's trim would remove it)
  assert.match(prepare("get_weather", '{"city":"\\ufeffParis"}').result.output, /^\ufeffParis: /);
  assert.notEqual(describeWeather("ÉCOLE", "celsius").split(":")[1], describeWeather("école", "celsius").split(":")[1]);
});

test("calculator errors report UTF-16 positions and the nesting limit", () => {
  assert.equal(evaluate("1 + 😀").output, "error: unexpected '\ud83d' at position 4");
  assert.equal(evaluate("(".repeat(32) + "1" + ")".repeat(32)).output, "1");
  assert.equal(evaluate("(".repeat(33) + "1" + ")".repeat(33)).output, "error: expression is nested too deeply");
  assert.equal(evaluate("7 % -3").output, "1");
  assert.equal(evaluate("-7.5 % 2").output, "-1.5");
});

test("tool arguments that are not an object, or blank, are handled like C#", () => {
  assert.equal(prepare("calculator", "   ").result.output, "error: expression is required and must be a string");
  assert.equal(prepare("calculator", "null").result.output, "error: arguments must be a JSON object");
  assert.equal(prepare("calculator", '{"expression":"1","delay_ms":10001}').result.output, "error: delay_ms must be an integer in [0, 10000]");
  assert.equal(prepare("calculator", '{"expression":"1","delay_ms":true}').result.output, "error: delay_ms must be an integer in [0, 10000]");
  assert.deepEqual(prepare("calculator", '{"expression":"(1","delay_ms":50}').delayMs, 0); // no delay for an error
  assert.equal(prepare("nope", '{"delay_ms":-1}').result.output, "error: delay_ms must be an integer in [0, 10000]");
});
