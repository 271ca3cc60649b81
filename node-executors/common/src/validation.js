// POST /v1/runs validation by hand over the parsed JSON, field by field, with the contract's field names and
// messages (the same as BenchApp.Contracts.Runs.RunRequestValidator and python-executors validation.py).
import * as problems from "./problems.js";
import { isBlank, isControl, utf8Length } from "./text.js";

export const MAX_BODY_BYTES = 131_072;
export const MAX_MESSAGE_UTF8_BYTES = 65_536;
export const MIN_ITERATIONS = 1;
export const MAX_ITERATIONS = 50;
export const DEFAULT_MAX_ITERATIONS = 10;
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isValidSessionId = (value) => SESSION_ID.test(value);

export function isJsonContentType(contentType) {
  if (!contentType) return false;
  const media = contentType.split(";", 1)[0].trim().toLowerCase();
  return media === "application/json" || (media.startsWith("application/") && media.endsWith("+json"));
}

export function messageError(message) {
  if (message === undefined || message === null) return "Is required.";
  if (typeof message !== "string") return "Must be a string.";
  if (isBlank(message)) return "Must not be empty.";
  if (utf8Length(message) > MAX_MESSAGE_UTF8_BYTES) return `Must be at most ${MAX_MESSAGE_UTF8_BYTES} bytes of UTF-8.`;
  for (let i = 0; i < message.length; i++) {
    const code = message.charCodeAt(i);
    if (isControl(code) && code !== 0x0a && code !== 0x0d && code !== 0x09) {
      return `Must not contain control characters (found U+${code.toString(16).toUpperCase().padStart(4, "0")}).`;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = message.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "Must be valid Unicode (unpaired surrogate).";
    }
    if (code >= 0xdc00 && code <= 0xdfff) return "Must be valid Unicode (unpaired surrogate).";
  }
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true }); // strips one leading BOM, like the Python version

/** Bytes -> JSON value, or a 400 naming the field `body`. */
export function parseBody(body) {
  if (body.length > MAX_BODY_BYTES) throw problems.invalidField("body", `Must be at most ${MAX_BODY_BYTES} bytes.`);
  let text;
  try {
    text = utf8.decode(body);
  } catch {
    throw problems.invalidField("body", "Must be valid UTF-8.");
  }
  // JSON.parse takes any depth; the C# reader stops at 1000 levels, so a body that nests deeper is refused alike.
  if (nestsDeeperThan(text, MAX_DEPTH)) throw problems.invalidField("body", `Must not nest deeper than ${MAX_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch {
    throw problems.invalidField("body", "Malformed JSON.");
  }
}

const MAX_DEPTH = 1000;

/** Whether arrays and objects nest deeper than `limit` (brackets inside strings do not count). */
export function nestsDeeperThan(text, limit) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The run request, or a 400 listing every broken field. `null` for an optional field means absent.
 * JSON.parse cannot tell 5.0 from 5, so max_iterations 5.0 is accepted as 5 (JSON Schema's "integer" agrees).
 */
export function validate(document) {
  if (!isObject(document)) throw problems.invalidField("body", "A JSON object is required.");
  const errors = {};

  const { message } = document;
  const messageProblem = messageError(message);
  if (messageProblem !== null) errors.message = [messageProblem];

  let sessionId = document.session_id ?? null;
  if (sessionId !== null) {
    if (typeof sessionId !== "string") errors.session_id = ["Must be a string."];
    else if (!isValidSessionId(sessionId)) errors.session_id = ["Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'."];
  }

  let maxIterations = document.max_iterations ?? null;
  if (maxIterations === null) maxIterations = DEFAULT_MAX_ITERATIONS;
  else if (typeof maxIterations !== "number" || !Number.isInteger(maxIterations)) errors.max_iterations = ["Must be an integer."];
  else if (maxIterations < MIN_ITERATIONS || maxIterations > MAX_ITERATIONS) {
    errors.max_iterations = [`Must be between ${MIN_ITERATIONS} and ${MAX_ITERATIONS}.`];
  }

  if (Object.keys(errors).length > 0) throw problems.validation(errors);
  return { message, sessionId, maxIterations };
}
