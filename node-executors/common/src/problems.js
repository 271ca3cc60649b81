// RFC 7807 problem details, the one error shape of the executor contract (docs/executor-api.md).
export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const BASE = "https://benchapp.dev/problems/";

/** An error the client gets as application/problem+json; throwing it anywhere in a request ends it. */
export class Problem extends Error {
  constructor(status, title, detail, { type = "about:blank", errors, extra } = {}) {
    super(detail ?? title);
    this.name = "Problem";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
    this.errors = errors;
    this.extra = extra;
  }

  toBody() {
    const body = { type: this.type, title: this.title, status: this.status };
    if (this.detail !== undefined) body.detail = this.detail;
    if (this.errors !== undefined) body.errors = this.errors;
    return { ...body, ...this.extra };
  }
}

/** 400 with every broken field: errors is {field: [messages]}, detail joins "field: message". */
export function validation(errors) {
  const detail = Object.entries(errors)
    .flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`))
    .join(" ");
  return new Problem(400, "One or more fields are invalid.", detail, { type: BASE + "validation", errors });
}

export const invalidField = (field, message) => validation({ [field]: [message] });

export const sessionNotFound = (sessionId) =>
  new Problem(404, "Session not found.", `No session '${sessionId}'.`, { type: BASE + "session-not-found" });

export function unsupportedMediaType(contentType) {
  const got = contentType ? `'${contentType}'` : "none";
  return new Problem(415, "Unsupported media type.", `Content-Type must be application/json (got ${got}).`, {
    type: BASE + "unsupported-media-type",
  });
}

export const llmUnavailable = (detail) =>
  new Problem(502, "The LLM failed after retries.", detail, { type: BASE + "llm-unavailable" });

export const timeout = (detail) => new Problem(504, "The run timed out.", detail, { type: BASE + "timeout" });

export const dependencyUnavailable = (dependency, detail) =>
  new Problem(503, "A dependency is unavailable.", detail, {
    type: BASE + "dependency-unavailable",
    extra: { dependency },
  });

export const internal = () => new Problem(500, "Internal error.", "The run failed; see the executor's logs.");

/** Routing errors (unknown path, wrong method) in the same shape, titled like the Python executors. */
export const httpStatus = (status, title) => new Problem(status, title);
