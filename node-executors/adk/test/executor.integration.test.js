// The real executor process against the real BenchApp.MockLlm (its Gemini API): the directive counts, the stop
// rule, sessions kept across a restart and a crash, 404, /v1/info, and the dependency faults. Skipped, with the
// reason, when the mock's build is missing.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import {
  directive,
  freePort,
  MockAdmin,
  mockLlmMissingReason,
  postRun,
  startExecutor,
  startMockLlm,
} from "@benchapp/executor-common/testing";
import { FILE_NAME } from "../src/sessions.js";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(PACKAGE, "src", "main.js");
const missing = mockLlmMissingReason();

describe("node-adk against the mock LLM", { skip: missing ?? false }, () => {
  let mock;
  let admin;
  let dataDir;
  let executor;
  const env = () => ({
    LLM_BASE_URL: `${mock.url}/v1`,
    GOOGLE_GEMINI_BASE_URL: "",
    BENCHAPP_DATA_DIR: dataDir,
    LLM_TIMEOUT_SECONDS: "1",
    RUN_TIMEOUT_SECONDS: "20",
    STATE_STORE_TIMEOUT_SECONDS: "1",
  });
  const start = async (extra = {}) => startExecutor("node-adk", ENTRY, { ...env(), ...extra }, PACKAGE);

  before(async () => {
    mock = await startMockLlm();
    admin = new MockAdmin(mock.url);
    dataDir = mkdtempSync(join(tmpdir(), "node-adk-it-"));
    executor = await start();
  });

  after(async () => {
    await executor?.child.stop();
    await mock?.child?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const ok = async (body) => {
    const r = await postRun(executor.url, body);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  test("simple chat: one LLM call", async () => {
    const body = await ok({ message: directive(0) });
    assert.deepEqual([body.iterations, body.llm_calls, body.tool_calls, body.stop_reason], [1, 1, 0, "completed"]);
    assert.match(body.session_id, /^[0-9a-f]{32}$/);
    assert.equal(body.output.split(" ").length, 8);
    assert.ok(body.state_bytes.turn > 0 && body.state_bytes.session === body.state_bytes.turn, JSON.stringify(body.state_bytes));
    assert.ok(body.timings_ms.state > 0);
  });

  test("tool_calls=3 parallel=1: four LLM calls, three tools; the mock saw the same calls and tokens", async () => {
    const run = `it-${Date.now()}`;
    const body = await ok({ message: directive(3, { run }) });
    assert.deepEqual([body.iterations, body.llm_calls, body.tool_calls, body.stop_reason], [4, 4, 3, "completed"]);
    const seen = await admin.run(run);
    assert.equal(seen.llm_calls, 4);
    assert.deepEqual([seen.input_tokens, seen.output_tokens], [body.usage.input_tokens, body.usage.output_tokens]);
    assert.ok(body.timings_ms.total >= body.timings_ms.llm && body.timings_ms.llm > 0);
  });

  test("tool_calls=4 parallel=2: three LLM calls, four tools", async () => {
    const body = await ok({ message: directive(4, { parallel: 2 }) });
    assert.deepEqual([body.llm_calls, body.tool_calls], [3, 4]);
  });

  test("max_iterations=2: stop_reason max_iterations after two calls, their tools run", async () => {
    const body = await ok({ message: directive(5), max_iterations: 2 });
    assert.deepEqual([body.stop_reason, body.iterations, body.llm_calls, body.tool_calls], ["max_iterations", 2, 2, 2]);
    // the cut turn is kept: the session continues
    const next = await ok({ message: directive(0), session_id: body.session_id });
    assert.equal(next.stop_reason, "completed");
    assert.ok(next.state_bytes.session > body.state_bytes.session);
  });

  test("unknown session: 404", async () => {
    const r = await postRun(executor.url, { message: directive(0), session_id: "no-such-session" });
    assert.equal(r.status, 404);
    assert.equal(r.body.type, "https://benchapp.dev/problems/session-not-found");
    assert.equal(r.body.detail, "No session 'no-such-session'.");
  });

  test("/v1/info says what runs", async () => {
    const info = await (await fetch(`${executor.url}/v1/info`)).json();
    assert.equal(info.executor, "node-adk");
    assert.equal(info.language, "javascript");
    assert.equal(info.runtime_version, process.versions.node);
    assert.equal(info.framework, "google-adk-js");
    assert.equal(info.framework_version, "2.0.0");
    assert.match(info.settings.genai_version, /^2\.\d+\.\d+$/);
    assert.deepEqual([info.durable, info.state_store, info.workers, info.build], [false, "sqlite", 1, null]);
    assert.equal(info.pid, executor.child.pid);
    assert.equal(info.settings.gemini_base_url, mock.url);
    assert.equal(info.settings.llm_attempts, 3);
    // SQLite's defaults, untouched by ADK and MikroORM: every appendEvent commits through a rollback journal.
    assert.equal(info.settings.sqlite_journal, "journal_mode=delete, synchronous=FULL");
  });

  test("a session continues across a restart and across a crash", async () => {
    const first = await ok({ message: directive(1) });
    await executor.child.stop();
    executor = await start();
    const second = await ok({ message: directive(1), session_id: first.session_id });
    assert.deepEqual([second.session_id, second.llm_calls, second.tool_calls], [first.session_id, 2, 1]);
    assert.ok(second.state_bytes.session > first.state_bytes.session);
    await executor.child.kill(); // SIGKILL: no graceful stop
    executor = await start();
    const third = await ok({ message: directive(0), session_id: first.session_id });
    assert.equal(third.session_id, first.session_id);
    // the third turn's request carried the history: more input than the same message in a new session
    const fresh = await ok({ message: directive(0) });
    assert.ok(third.usage.input_tokens > fresh.usage.input_tokens, `${third.usage.input_tokens} <= ${fresh.usage.input_tokens}`);
    assert.ok(third.state_bytes.session > second.state_bytes.session);
  });

  test("the LLM failing after retries: 502; one failure is retried", async () => {
    await admin.failNext(50, "error");
    try {
      const r = await postRun(executor.url, { message: directive(0) });
      assert.equal(r.status, 502, r.text);
      assert.equal(r.body.type, "https://benchapp.dev/problems/llm-unavailable");
      assert.match(r.body.detail, /HTTP 500 from the LLM/);
    } finally {
      await admin.failNext(0, "error");
    }
    await admin.failNext(1, "error");
    assert.equal((await ok({ message: directive(0) })).llm_calls, 1);
  });

  test("the LLM hanging: 504 within the bound", async () => {
    await admin.failNext(50, "hang");
    try {
      const r = await postRun(executor.url, { message: directive(0) });
      assert.equal(r.status, 504, r.text);
      assert.equal(r.body.type, "https://benchapp.dev/problems/timeout");
      assert.match(r.body.detail, /LLM/);
    } finally {
      await admin.failNext(0, "hang");
    }
  });

  test("SQLite locked: 503 naming sqlite within the bound, /health says so, the next run after it works", async () => {
    const lock = new Database(join(dataDir, FILE_NAME));
    lock.exec("BEGIN EXCLUSIVE");
    try {
      const started = Date.now();
      const r = await postRun(executor.url, { message: directive(0) });
      assert.equal(r.status, 503, r.text);
      assert.deepEqual([r.body.type, r.body.dependency], ["https://benchapp.dev/problems/dependency-unavailable", "sqlite"]);
      assert.equal(r.body.title, "A dependency is unavailable.");
      assert.ok(Date.now() - started < 10_000);
      const health = await fetch(`${executor.url}/health`);
      assert.equal(health.status, 503);
      assert.deepEqual((await health.json()).failing, ["sqlite"]);
    } finally {
      lock.exec("ROLLBACK");
      lock.close();
    }
    assert.equal((await fetch(`${executor.url}/health`)).status, 200);
    assert.equal((await ok({ message: directive(0) })).stop_reason, "completed");
  });

  test("OpenTelemetry when configured: the executor's span and ADK's own spans (invocation, call_llm, execute_tool)", async () => {
    // Console exporters: OTEL_EXPORTER_OTLP_ENDPOINT turns telemetry on, nothing is sent anywhere.
    const traced = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9",
      OTEL_TRACES_EXPORTER: "console",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
    try {
      assert.equal((await postRun(traced.url, { message: directive(1) })).status, 200);
    } finally {
      await traced.child.stop(); // the SDK's shutdown flushes the batch
    }
    const names = new Set([...traced.child.lines.join("\n").matchAll(/^  name: '([^']+)',$/gm)].map((m) => m[1]));
    for (const name of ["invoke_agent node-adk", "invocation", "invoke_agent bench_agent", "call_llm", "execute_tool get_weather"]) {
      assert.ok(names.has(name), `no span '${name}' in ${[...names].join(", ")}`);
    }
  });

  test("the LLM down (nothing listening): 502 naming the LLM, /health failing llm", async () => {
    const port = await freePort();
    const down = await start({ LLM_BASE_URL: `http://127.0.0.1:${port}/v1` });
    try {
      const r = await postRun(down.url, { message: directive(0) });
      assert.equal(r.status, 502, r.text);
      assert.match(r.body.detail, /LLM/);
      const health = await fetch(`${down.url}/health`);
      assert.equal(health.status, 503);
      assert.deepEqual((await health.json()).failing, ["llm"]);
    } finally {
      await down.child.stop();
    }
  });
});
