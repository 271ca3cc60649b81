// How a turn ended, from what the Runner yielded and what the plugin saw. In @google/adk 2.0.0 a model failure is
// not thrown out of Runner.runAsync: `agents/llm_agent.js` runAndHandleError catches what callLlmAsync throws
// (the model's error, and InvocationContext's call-limit Error) and yields an event with errorCode/errorMessage,
// which is final, so the agent's loop stops there and the Runner persists it like any event.
import { COMPLETED, LlmTimeout, LlmUnavailable, MAX_ITERATIONS, classifyLlmError } from "@benchapp/executor-common";

// agents/invocation_context.js InvocationCostManager.incrementAndEnforceLlmCallsLimit, thrown before call N + 1.
const CALL_LIMIT = /^Max number of llm calls limit of (\d+) exceeded$/;

/**
 * {output, stopReason} of a turn, or throws the LLM failure it ended with. `errorEvent` is the turn's error event
 * (or null), `finalText` the text of its final response (or null).
 */
export function turnOutcome({ errorEvent, finalText, turn, llmCalls, maxIterations, timeoutSeconds }) {
  if (!errorEvent) return { output: finalText ?? turn.lastText, stopReason: COMPLETED };
  if (isCallLimit(turn.modelError, llmCalls, maxIterations)) return { output: turn.lastText, stopReason: MAX_ITERATIONS };
  throw llmFailure(turn.modelError, errorEvent, timeoutSeconds);
}

/** ADK's call-limit error, and it came where it must: after exactly max_iterations replies. */
export function isCallLimit(error, llmCalls, maxIterations) {
  const m = typeof error?.message === "string" ? CALL_LIMIT.exec(error.message) : null;
  return m !== null && Number(m[1]) === maxIterations && llmCalls === maxIterations;
}

/**
 * The model's failure as the contract's: a status or a refused connection 502, no answer in time 504. genai's
 * per-attempt timeout aborts the fetch (an AbortError, not a timeout by name; the run's own abort is answered
 * before this is reached). An error event without an error (a reply without candidates or content) is a 502 too.
 */
export function llmFailure(error, errorEvent, timeoutSeconds) {
  if (!error) {
    return new LlmUnavailable(`The LLM's reply could not be used (${errorEvent.errorCode}: ${errorEvent.errorMessage ?? ""}).`);
  }
  if (isAbort(error)) return new LlmTimeout(`The LLM did not answer within ${timeoutSeconds} s (per attempt).`, { cause: error });
  return (
    classifyLlmError(error) ??
    new LlmUnavailable(`The LLM call failed (${error.name ?? "Error"}: ${String(error.message).slice(0, 200)}).`, { cause: error })
  );
}

const isAbort = (e) => e?.name === "AbortError" || e?.code === "ABORT_ERR";
