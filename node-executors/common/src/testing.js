// Test support for Node executors: the real BenchApp.MockLlm build and an executor as child processes on free
// ports, ended by their own handles. A missing build is a skip with the reason, never a pass. And the loopback
// recorder the executors' protocol doubles are built on.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export function mockLlmDll() {
  const configuration = process.env.CONFIGURATION ?? "Debug";
  const candidates = [configuration, "Debug", "Release"].map((c) => join(REPO, "BenchApp.MockLlm", "bin", c, "net10.0", "BenchApp.MockLlm.dll"));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/** Why the mock LLM cannot be started here, or null. */
export function mockLlmMissingReason() {
  if (process.env.MOCK_LLM_URL) return null;
  const dll = mockLlmDll();
  if (!existsSync(dll)) return `mock LLM build not found at ${dll}: run 'dotnet build BenchApp.MockLlm' (or set MOCK_LLM_URL)`;
  return null;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A child process whose output is collected and shown when a wait fails. */
export class Child {
  constructor(name, command, args, options = {}) {
    this.name = name;
    this.lines = [];
    this.waiters = new Set();
    this.proc = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    this.exited = new Promise((resolve) => this.proc.once("exit", (code, signal) => resolve({ code, signal })));
    this.exited.then(() => this.#notify());
    let partial = "";
    const onData = (data) => {
      const text = partial + data.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop();
      this.lines.push(...parts);
      this.#notify();
    };
    this.proc.stdout.on("data", onData);
    this.proc.stderr.on("data", onData);
  }

  #notify() {
    for (const w of this.waiters) w();
  }

  get pid() {
    return this.proc.pid;
  }

  output() {
    return this.lines.slice(-60).join("\n");
  }

  /** The first match of pattern in the output, within timeoutMs. */
  async waitForLine(pattern, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.lines.length; seen++) {
        const m = pattern.exec(this.lines[seen]);
        if (m) return m;
      }
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        throw new Error(`${this.name} exited (${this.proc.exitCode ?? this.proc.signalCode}):\n${this.output()}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no line matching ${pattern} in ${timeoutMs} ms:\n${this.output()}`);
      await new Promise((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 500));
        this.waiters.add(done);
      });
    }
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit. */
  async stop(graceMs = 10_000) {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill("SIGTERM");
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }

  /** A crash: SIGKILL, no chance to clean up. */
  async kill() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
    return this.exited;
  }
}

/** {child (null when MOCK_LLM_URL is used), url (base, without /v1)}. */
export async function startMockLlm() {
  if (process.env.MOCK_LLM_URL) return { child: null, url: process.env.MOCK_LLM_URL.replace(/\/+$/, "") };
  const env = { ...process.env, ASPNETCORE_ENVIRONMENT: "Development", DOTNET_NOLOGO: "1" };
  delete env.ASPNETCORE_URLS;
  delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const child = new Child("mock-llm", "dotnet", [mockLlmDll(), "--urls", "http://127.0.0.1:0"], { env });
  try {
    const m = await child.waitForLine(/Now listening on: (http:\/\/\S+)/, 60_000);
    return { child, url: m[1].replace(/\/+$/, "") };
  } catch (e) {
    await child.kill();
    throw e;
  }
}

/** An executor entry point (node src/main.js) on a free port; resolves once it listens. */
export async function startExecutor(name, entry, env, cwd) {
  const port = await freePort();
  const child = new Child(name, process.execPath, [entry], {
    cwd,
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: "", ...env, PORT: String(port), HOST: "127.0.0.1" },
  });
  try {
    await child.waitForLine(/Now listening on: http:\/\//, 60_000);
  } catch (e) {
    await child.kill();
    throw e;
  }
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The mock LLM's admin API (BenchApp.Contracts/MockLlm). */
export class MockAdmin {
  constructor(url) {
    this.url = url;
  }

  async failNext(count, kind) {
    const r = await fetch(`${this.url}/admin/faults/fail-next`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count, kind }),
    });
    if (r.status >= 300) throw new Error(`fail-next: HTTP ${r.status} ${await r.text()}`);
  }

  async run(runId) {
    const r = await fetch(`${this.url}/admin/runs/${runId}`);
    return r.status === 200 ? r.json() : null;
  }
}

/** POST /v1/runs with a JSON body; {status, body, headers}. */
export async function postRun(url, body) {
  const r = await fetch(`${url}/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: the assertion shows the text
  }
  return { status: r.status, body: json, text, headers: r.headers };
}

export const directive = (toolCalls = 0, { replyTokens = 8, parallel = 1, run } = {}) =>
  `#bench tool_calls=${toolCalls} reply_tokens=${replyTokens} parallel=${parallel}${run ? ` run=${run}` : ""}\nWhat's the weather?`;

/**
 * A loopback HTTP server that records each JSON request ({path, headers, body}) and answers it with
 * answer(req, body, index) -> {contentType, payload}: the skeleton of a protocol test double (what a framework
 * sends, how it reacts to a scripted reply), never a benchmark LLM.
 */
export async function startRecordingServer(answer) {
  const requests = [];
  const server = createHttpServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    requests.push({ path: req.url, headers: req.headers, body });
    const { contentType, payload } = answer(req, body, requests.length - 1);
    res.writeHead(200, { "content-type": contentType });
    res.end(payload);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
