// How a turn's end maps to the contract: ADK's call limit only after exactly max_iterations replies, model errors
// as the LLM's failures (502 / 504), an unusable reply as 502.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COMPLETED, LlmTimeout, LlmUnavailable, MAX_ITERATIONS } from "@benchapp/executor-common";
import { ApiError } from "@google/genai";
import { isCallLimit, llmFailure, turnOutcome } from "../src/outcome.js";
import { TurnRecord } from "../src/turn.js";

const limit = (n) => new Error(`Max number of llm calls limit of ${n} exceeded`);
const errorEvent = { errorCode: "UNKNOWN_ERROR", errorMessage: "x" };

test("the call limit counts only at its own number of replies", () => {
  assert.equal(isCallLimit(limit(3), 3, 3), true);
  assert.equal(isCallLimit(limit(3), 2, 3), false);
  assert.equal(isCallLimit(limit(4), 3, 3), false);
  assert.equal(isCallLimit(new Error("Max number of llm calls limit of 3 exceeded, and more"), 3, 3), false);
  assert.equal(isCallLimit(null, 3, 3), false);
});

test("no error event: completed with the final text, else the last text", () => {
  const turn = Object.assign(new TurnRecord(), { lastText: "earlier" });
  assert.deepEqual(turnOutcome({ errorEvent: null, finalText: "done", turn, llmCalls: 1, maxIterations: 10 }), {
    output: "done",
    stopReason: COMPLETED,
  });
  const cut = Object.assign(new TurnRecord(), { lastText: "some text", modelError: limit(2) });
  assert.deepEqual(turnOutcome({ errorEvent, finalText: null, turn: cut, llmCalls: 2, maxIterations: 2 }), {
    output: "some text",
    stopReason: MAX_ITERATIONS,
  });
});

test("model errors: a status is 502, an aborted attempt 504, a reply without content 502", () => {
  const status = llmFailure(new ApiError({ message: '{"error":{"code":500}}', status: 500 }), errorEvent, 1);
  assert.ok(status instanceof LlmUnavailable);
  assert.match(status.message, /HTTP 500 from the LLM/);
  const abort = new DOMException("This operation was aborted", "AbortError");
  const timeout = llmFailure(abort, errorEvent, 2);
  assert.ok(timeout instanceof LlmTimeout);
  assert.match(timeout.message, /within 2 s/);
  const refused = llmFailure(new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }), errorEvent, 1);
  assert.ok(refused instanceof LlmUnavailable);
  assert.match(refused.message, /could not be reached/);
  const empty = llmFailure(null, { errorCode: "SAFETY", errorMessage: "blocked" }, 1);
  assert.ok(empty instanceof LlmUnavailable);
  assert.match(empty.message, /SAFETY: blocked/);
  const cutEarly = Object.assign(new TurnRecord(), { modelError: limit(2) });
  assert.throws(() => turnOutcome({ errorEvent, finalText: null, turn: cutEarly, llmCalls: 1, maxIterations: 2 }), LlmUnavailable);
});
