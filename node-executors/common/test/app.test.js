// The HTTP layer against a small executor double (the contract's plug-in interface), over a real socket.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { createHandler } from "../src/app.js";
import { settingsFromEnv } from "../src/config.js";
import { DependencyUnavailable, LlmTimeout, LlmUnavailable, SessionNotFound } from "../src/errors.js";

const behaviours = {
  ok: async (request, acct) => {
    acct.addLlmReply(10, 3);
    acct.stateBytes = { turn: 5, session: 9 };
    return { sessionId: request.sessionId ?? "0".repeat(32), output: `echo ${request.maxIterations}`, stopReason: "completed" };
  },
  missing: async (request) => {
    throw new SessionNotFound(request.sessionId);
  },
  sqlite: async () => {
    throw new DependencyUnavailable("sqlite", "sqlite did not answer within 2 s (database is locked).");
  },
  llm: async () => {
    throw new LlmUnavailable("HTTP 500 from the LLM (InternalServerError).");
  },
  llmTimeout: async () => {
    throw new LlmTimeout("The LLM timed out (TimeoutError).");
  },
  openaiLike: async () => {
    const e = new Error("500 status code (no body)");
    e.status = 500;
    throw Object.assign(new Error("wrapped", { cause: e }), { name: "Error" });
  },
  bug: async () => {
    throw new TypeError("x is undefined");
  },
  hang: (_request, _acct, signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
};

let behaviour = "ok";
let checks = { llm: "ok", sqlite: "ok" };
const executor = {
  describe: () => ({ executor: "node-test", framework: "none", frameworkVersion: "-", durable: false, stateStore: "memory", settings: { a: 1 } }),
  health: async () => checks,
  run: (request, acct, signal) => behaviours[behaviour](request, acct, signal),
};

let server;
let url;
before(async () => {
  const settings = { ...settingsFromEnv({}), runTimeoutSeconds: 0.3 };
  server = createServer(createHandler(executor, settings));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

const post = (body, contentType = "application/json") =>
  fetch(`${url}/v1/runs`, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function problem(response, status) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  const body = await response.json();
  assert.equal(body.status, status);
  assert.ok(body.title && body.type);
  return body;
}

test("a run answers the contract's body", async () => {
  behaviour = "ok";
  const r = await post({ message: "hi", max_iterations: 3 });
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.deepEqual(Object.keys(body), ["session_id", "output", "stop_reason", "iterations", "llm_calls", "tool_calls", "usage", "timings_ms", "state_bytes"]);
  assert.equal(body.output, "echo 3");
  assert.deepEqual([body.iterations, body.llm_calls, body.tool_calls], [1, 1, 0]);
  assert.deepEqual(body.usage, { input_tokens: 10, output_tokens: 3 });
  assert.deepEqual(body.state_bytes, { turn: 5, session: 9 });
  assert.ok(body.timings_ms.total >= 0 && body.timings_ms.llm === 0);
});

test("failures map to their statuses and problem types", async () => {
  const cases = [
    ["missing", 404, "https://benchapp.dev/problems/session-not-found"],
    ["sqlite", 503, "https://benchapp.dev/problems/dependency-unavailable"],
    ["llm", 502, "https://benchapp.dev/problems/llm-unavailable"],
    ["openaiLike", 502, "https://benchapp.dev/problems/llm-unavailable"],
    ["llmTimeout", 504, "https://benchapp.dev/problems/timeout"],
    ["hang", 504, "https://benchapp.dev/problems/timeout"],
    ["bug", 500, "about:blank"],
  ];
  for (const [name, status, type] of cases) {
    behaviour = name;
    const body = await problem(await post({ message: "hi", session_id: "abc" }), status);
    assert.equal(body.type, type, name);
    assert.doesNotMatch(JSON.stringify(body), /at .*\.js/, "no stack trace");
  }
  behaviour = "sqlite";
  assert.deepEqual(await problem(await post({ message: "hi" }), 503), {
    type: "https://benchapp.dev/problems/dependency-unavailable",
    title: "A dependency is unavailable.",
    status: 503,
    detail: "sqlite did not answer within 2 s (database is locked).",
    dependency: "sqlite",
  });
  behaviour = "missing";
  assert.equal((await problem(await post({ message: "hi", session_id: "abc123" }), 404)).detail, "No session 'abc123'.");
  behaviour = "hang";
  assert.equal((await problem(await post({ message: "hi" }), 504)).detail, "No final answer within 0.3 s.");
});

test("bad requests: 400 naming the field, 415, 405, 404", async () => {
  behaviour = "ok";
  assert.deepEqual((await problem(await post("{"), 400)).errors, { body: ["Malformed JSON."] });
  assert.deepEqual((await problem(await post({ message: "hi", pad: "x".repeat(131_072) }), 400)).errors, { body: ["Must be at most 131072 bytes."] });
  const unsupported = await problem(await post('{"message":"hi"}', "text/plain"), 415);
  assert.equal(unsupported.detail, "Content-Type must be application/json (got 'text/plain').");
  const wrongMethod = await fetch(`${url}/v1/runs`);
  assert.equal((await problem(wrongMethod, 405)).title, "Method Not Allowed.");
  assert.equal(wrongMethod.headers.get("allow"), "POST");
  await problem(await fetch(`${url}/v1/runs`, { method: "DELETE" }), 405);
  await problem(await fetch(`${url}/health`, { method: "POST" }), 405);
  assert.equal((await problem(await fetch(`${url}/nope`), 404)).title, "Not Found.");
});

test("a body far over the limit is answered, not reset", async () => {
  const r = await post(JSON.stringify({ message: "x".repeat(2 * 1024 * 1024) }));
  assert.deepEqual((await problem(r, 400)).errors, { body: ["Must be at most 131072 bytes."] });
});

test("/health says which dependency fails; /alive and /v1/info", async () => {
  checks = { llm: "ok", sqlite: "SqliteError: database is locked" };
  let r = await fetch(`${url}/health`);
  assert.equal(r.status, 503);
  assert.deepEqual(await r.json(), { status: "unhealthy", checks, failing: ["sqlite"] });
  checks = { llm: "ok", sqlite: "ok" };
  r = await fetch(`${url}/health`);
  assert.equal(r.status, 200);
  assert.deepEqual((await r.json()).failing, []);
  assert.equal((await fetch(`${url}/alive`)).status, 200);
  const info = await (await fetch(`${url}/v1/info`)).json();
  assert.deepEqual(info, {
    executor: "node-test", language: "javascript", runtime_version: process.versions.node, framework: "none",
    framework_version: "-", durable: false, state_store: "memory", pid: process.pid, build: null, workers: 1, settings: { a: 1 },
  });
});
