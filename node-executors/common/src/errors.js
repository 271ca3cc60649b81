// Failures an executor reports, and how an LLM client's exception maps to them. The clients raise their own
// types (openai, @langchain/core's retry wrapper, undici); classifyLlmError looks at names and status codes along
// the cause chain, so this module imports none of them.

export class SessionNotFound extends Error {
  constructor(sessionId) {
    super(`No session '${sessionId}'.`);
    this.name = "SessionNotFound";
    this.sessionId = sessionId;
  }
}

/** The LLM failed after retries (5xx, 429, connection refused, malformed reply): 502. */
export class LlmUnavailable extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "LlmUnavailable";
  }
}

/** The LLM did not answer in time after retries: 504. */
export class LlmTimeout extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "LlmTimeout";
  }
}

/** The state store (or another dependency) is down, frozen or refusing: 503 naming it. */
export class DependencyUnavailable extends Error {
  constructor(dependency, message, options) {
    super(message, options);
    this.name = "DependencyUnavailable";
    this.dependency = dependency;
  }
}

const TIMEOUT_NAMES = /Timeout|TimedOut/;
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "EPIPE", "UND_ERR_SOCKET"]);

/** LlmUnavailable / LlmTimeout for an error thrown by an LLM client (possibly wrapped), else null. */
export function classifyLlmError(error) {
  for (const e of chain(error)) {
    if (e instanceof LlmUnavailable || e instanceof LlmTimeout) return e;
    const name = e?.name ?? e?.constructor?.name ?? "Error";
    const ctor = e?.constructor?.name ?? "";
    if (TIMEOUT_NAMES.test(name) || TIMEOUT_NAMES.test(ctor) || e?.code === "ETIMEDOUT" || e?.code === "UND_ERR_HEADERS_TIMEOUT") {
      return new LlmTimeout(`The LLM timed out (${describe(e)}).`, { cause: error });
    }
    const status = typeof e?.status === "number" ? e.status : e?.response?.status;
    if (typeof status === "number") return new LlmUnavailable(`HTTP ${status} from the LLM (${describe(e)}).`, { cause: error });
    if (/Connection/.test(name) || /Connection/.test(ctor) || CONNECTION_CODES.has(e?.code)) {
      return new LlmUnavailable(`The LLM could not be reached (${describe(e)}).`, { cause: error });
    }
  }
  return null;
}

function describe(e) {
  const name = e?.constructor?.name && e.constructor.name !== "Error" ? e.constructor.name : (e?.name ?? "Error");
  const message = typeof e?.message === "string" ? e.message.split("\n", 1)[0].slice(0, 200) : "";
  return message ? `${name}: ${message}` : name;
}

function* chain(error) {
  const seen = new Set();
  const stack = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (e === null || e === undefined || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    yield e;
    stack.push(e.cause, e.originalError, e.error);
    if (Array.isArray(e.errors)) stack.push(...e.errors); // AggregateError
  }
}
