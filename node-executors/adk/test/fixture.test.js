// What the executor's agent really sends equals contracts/framework-requests/node-adk-gemini.json, case by case:
// the real LlmAgent, Gemini model, tools, Runner and SQLite sessions against a loopback Gemini endpoint that
// answers as the mock would (test/support/fixture-scenario.js).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tools } from "@benchapp/executor-common";
import { captureFixtureRequests } from "./support/fixture-scenario.js";

const fixture = JSON.parse(readFileSync(join(tools.contractsDir(), "framework-requests", "node-adk-gemini.json"), "utf8"));

test("every fixture case is a request the agent sends, in a session's order", async () => {
  const requests = await captureFixtureRequests();
  assert.deepEqual(requests.map((r) => r.name), fixture.cases.map((c) => c.name));
  for (const [i, expected] of fixture.cases.entries()) {
    const r = requests[i];
    assert.equal(r.path, expected.path, expected.name);
    assert.equal(r.headers["x-goog-api-key"], expected.headers["x-goog-api-key"], expected.name);
    assert.match(r.headers["x-goog-api-client"], /^google-adk\/2\.0\.0 /, expected.name);
    assert.deepEqual(r.body, expected.request, expected.name);
  }
});

test("the offered parameters are contracts/tools.json's schemas as genai converts them", () => {
  const offered = fixture.cases[0].request.tools[0].functionDeclarations;
  const contract = tools.definitions();
  assert.deepEqual(offered.map((d) => d.name), contract.map((d) => d.name));
  for (const [i, d] of offered.entries()) {
    const p = contract[i].parameters;
    assert.equal(d.description, contract[i].description);
    assert.deepEqual(d.parameters.required, p.required);
    assert.deepEqual(Object.keys(d.parameters.properties), Object.keys(p.properties));
    for (const [name, schema] of Object.entries(p.properties)) {
      const { type, ...rest } = schema;
      assert.deepEqual(d.parameters.properties[name], { type: type.toUpperCase(), ...rest }, `${d.name}.${name}`);
    }
  }
});
