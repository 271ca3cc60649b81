// Rewrites the captured parts (path, request) of contracts/framework-requests/node-adk-gemini.json from what the
// executor's agent really sends now (after an ADK or genai upgrade); descriptions, sources and expectations stay.
// Run in node-executors/adk: node test/support/write-fixture.js
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tools } from "@benchapp/executor-common";
import { captureFixtureRequests } from "./fixture-scenario.js";

const file = join(tools.contractsDir(), "framework-requests", "node-adk-gemini.json");
const fixture = JSON.parse(readFileSync(file, "utf8"));
const captured = new Map((await captureFixtureRequests()).map((r) => [r.name, r]));
for (const c of fixture.cases) {
  const r = captured.get(c.name);
  if (!r) throw new Error(`no request captured for case ${c.name}`);
  c.path = r.path;
  c.request = r.body;
}
writeFileSync(file, JSON.stringify(fixture, null, 2) + "\n");
console.log(`${file}: ${fixture.cases.length} cases rewritten`);
