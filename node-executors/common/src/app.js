// The HTTP contract every Node executor serves (docs/executor-api.md), with the executor plugged in.
// node:http, no framework: four routes, and the contract wants exact control over what a framework would
// otherwise decide for us (413 for big bodies, its own 404/405/415 shapes, body parsing before validation).
import { failing } from "./health.js";
import { logger } from "./log.js";
import * as problems from "./problems.js";
import { RunAccounting, responseBody } from "./accounting.js";
import { DependencyUnavailable, LlmTimeout, LlmUnavailable, SessionNotFound, classifyLlmError } from "./errors.js";
import { span } from "./telemetry.js";
import { MAX_BODY_BYTES, isJsonContentType, parseBody, validate } from "./validation.js";

const log = logger("benchapp.app");
const DRAIN_LIMIT = 16 * 1024 * 1024;
const HEALTH_BOUND_MS = 5000;

/**
 * What an executor plugs in (see node-executors/README.md):
 *   describe() -> {executor, framework, frameworkVersion, durable, stateStore, settings}
 *   start() / stop(): create and close clients; start must not fail because a dependency is down
 *   health() -> {component: "ok" | what is wrong}
 *   run({message, sessionId, maxIterations}, acct, signal) -> {sessionId, output, stopReason}; throws
 *     SessionNotFound, LlmUnavailable, LlmTimeout, DependencyUnavailable or a Problem.
 */
export function createHandler(executor, settings) {
  const routes = {
    "/alive": { GET: alive },
    "/health": { GET: () => health(executor) },
    "/v1/info": { GET: () => info(executor) },
    "/v1/runs": { POST: (req) => run(executor, settings, req) },
  };

  return async function handle(req, res) {
    let reply;
    try {
      const path = new URL(req.url ?? "/", "http://executor").pathname;
      const route = routes[path];
      const method = req.method === "HEAD" ? "GET" : req.method;
      if (!route) reply = problemReply(problems.httpStatus(404, "Not Found."));
      else if (!route[method]) {
        reply = problemReply(problems.httpStatus(405, "Method Not Allowed."));
        reply.headers.allow = Object.keys(route).join(", ");
      } else reply = await route[method](req);
    } catch (e) {
      log.error("Unhandled error", e);
      reply = problemReply(problems.internal());
    }
    send(req, res, reply);
  };
}

const jsonReply = (status, body) => ({ status, body, headers: { "content-type": "application/json; charset=utf-8" } });

const problemReply = (problem) => ({
  status: problem.status,
  body: problem.toBody(),
  headers: { "content-type": problems.PROBLEM_CONTENT_TYPE },
});

function send(req, res, { status, body, headers, close }) {
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, { ...headers, "content-length": payload.length, ...(close ? { connection: "close" } : {}) });
  res.end(req.method === "HEAD" ? undefined : payload);
}

const alive = () => jsonReply(200, { status: "alive" });

async function health(executor) {
  let checks;
  try {
    checks = await Promise.race([
      executor.health(),
      new Promise((resolve) => setTimeout(resolve, HEALTH_BOUND_MS, { executor: "health check timed out after 5 s" }).unref()),
    ]);
  } catch (e) {
    checks = { executor: `${e?.name ?? "Error"}: ${e?.message ?? e}` }; // a health check answers, never throws
  }
  const bad = failing(checks);
  return jsonReply(bad.length === 0 ? 200 : 503, { status: bad.length === 0 ? "healthy" : "unhealthy", checks, failing: bad });
}

function info(executor) {
  const d = executor.describe();
  return jsonReply(200, {
    executor: d.executor,
    language: "javascript",
    runtime_version: process.versions.node,
    framework: d.framework,
    framework_version: d.frameworkVersion,
    durable: d.durable,
    state_store: d.stateStore,
    pid: process.pid,
    build: null,
    workers: 1,
    settings: d.settings ?? {},
  });
}

async function run(executor, settings, req) {
  const acct = new RunAccounting();
  const contentType = req.headers["content-type"];
  if (!isJsonContentType(contentType)) {
    const reply = problemReply(problems.unsupportedMediaType(contentType));
    return { ...reply, close: !(await drain(req)) };
  }
  const { body, tooBig, complete } = await readBody(req);
  if (tooBig) return { ...problemReply(problems.invalidField("body", `Must be at most ${MAX_BODY_BYTES} bytes.`)), close: !complete };

  let request;
  try {
    request = validate(parseBody(body));
  } catch (e) {
    if (e instanceof problems.Problem) return problemReply(e);
    throw e;
  }

  const d = executor.describe();
  return span(`invoke_agent ${d.executor}`, { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": d.executor }, async (s) => {
    const reply = await runBounded(executor, settings, request, acct);
    s?.setAttribute("http.response.status_code", reply.status);
    return reply;
  });
}

async function runBounded(executor, settings, request, acct) {
  const controller = new AbortController();
  const seconds = settings.runTimeoutSeconds;
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`run timeout (${seconds} s)`));
      resolve("timeout");
    }, seconds * 1000);
  });
  const work = acct.bind(() => executor.run(request, acct, controller.signal));
  work.catch(() => {}); // still settles after a timeout; its error was answered by then
  try {
    const outcome = await Promise.race([work, timedOut]);
    if (outcome === "timeout") return problemReply(problems.timeout(`No final answer within ${seconds} s.`));
    return jsonReply(200, responseBody(outcome, acct));
  } catch (e) {
    if (controller.signal.aborted) return problemReply(problems.timeout(`No final answer within ${seconds} s.`));
    return problemReply(toProblem(e));
  } finally {
    clearTimeout(timer);
  }
}

/** The problem a run's failure is answered with. */
export function toProblem(e) {
  if (e instanceof problems.Problem) return e;
  if (e instanceof SessionNotFound) return problems.sessionNotFound(e.sessionId);
  if (e instanceof DependencyUnavailable) {
    log.warn(`Dependency ${e.dependency} unavailable: ${e.message}`);
    return problems.dependencyUnavailable(e.dependency, e.message);
  }
  if (e instanceof LlmTimeout) return problems.timeout(e.message);
  if (e instanceof LlmUnavailable) return problems.llmUnavailable(e.message);
  const mapped = classifyLlmError(e);
  if (mapped instanceof LlmTimeout) {
    log.warn(`LLM timeout: ${mapped.message}`);
    return problems.timeout(mapped.message);
  }
  if (mapped instanceof LlmUnavailable) {
    log.warn(`LLM failure: ${mapped.message}`);
    return problems.llmUnavailable(mapped.message);
  }
  log.error("Run failed", e);
  return problems.internal();
}

/**
 * The body, or tooBig once it passes the limit. The rest is drained (up to 16 MiB) so the client reads the
 * answer instead of a reset connection; `complete` is false when the connection must close instead.
 */
async function readBody(req) {
  const declared = Number(req.headers["content-length"]);
  let tooBig = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooBig = true;
    if (tooBig) {
      if (size > DRAIN_LIMIT) return { tooBig, complete: false };
      continue;
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), tooBig, complete: true };
}

async function drain(req) {
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > DRAIN_LIMIT) return false;
  }
  return true;
}
