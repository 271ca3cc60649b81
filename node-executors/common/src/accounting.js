// What a turn cost: counts, token usage, where the time went (timings_ms) and what it stored (state_bytes).
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import { DependencyUnavailable } from "./errors.js";

export const COMPLETED = "completed";
export const MAX_ITERATIONS = "max_iterations";

const currentRun = new AsyncLocalStorage();

export class RunAccounting {
  started = performance.now();
  iterations = 0;
  llmCalls = 0;
  toolCalls = 0;
  inputTokens = 0;
  outputTokens = 0;
  llmMs = 0;
  toolMs = 0;
  stateMs = 0;
  /** Bytes this turn wrote to the state store and the session's stored size after it; null when unknown. */
  stateBytes = { turn: null, session: null };
  /** The first state-store failure of the turn, kept even when a framework reports another error first. */
  stateError = null;
  #activeTools = 0;
  #toolsSince = 0;

  /** One LLM request that returned a reply: an iteration of the loop. */
  addLlmReply(inputTokens, outputTokens) {
    this.iterations += 1;
    this.llmCalls += 1;
    this.inputTokens += Number(inputTokens) || 0;
    this.outputTokens += Number(outputTokens) || 0;
  }

  /** Runs fn (sync or async) and counts its duration as state time. */
  async timeState(fn) {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.stateMs += performance.now() - start;
    }
  }

  /** Tool time is wall clock while at least one tool runs: concurrent calls of one reply overlap. */
  toolStarted() {
    if (this.#activeTools === 0) this.#toolsSince = performance.now();
    this.#activeTools += 1;
    this.toolCalls += 1;
  }

  toolFinished() {
    this.#activeTools -= 1;
    if (this.#activeTools === 0) this.toolMs += performance.now() - this.#toolsSince;
  }

  /** Runs fn with this accounting reachable from framework callbacks through currentAccounting(). */
  bind(fn) {
    return currentRun.run(this, fn);
  }
}

/** The accounting of the run being served, or undefined outside a run. */
export const currentAccounting = () => currentRun.getStore();

/**
 * Wraps a state store's own async methods in place: their time counts as timings_ms.state of the run being served,
 * each error passes through toFailure (e.g. sqliteFailure), and the first dependency failure is kept on the run as
 * acct.stateError, since the framework calling the store may report another error instead, or wrap this one.
 */
export function meterStateCalls(store, methods, toFailure) {
  for (const name of methods) {
    const original = store[name].bind(store);
    store[name] = async (...args) => {
      const acct = currentAccounting();
      const call = async () => {
        try {
          return await original(...args);
        } catch (e) {
          const failure = toFailure(e);
          if (acct && failure instanceof DependencyUnavailable) acct.stateError ??= failure;
          throw failure;
        }
      };
      return acct ? acct.timeState(call) : call();
    };
  }
  return store;
}

const round3 = (ms) => Math.round(ms * 1000) / 1000;

export function responseBody(outcome, acct) {
  return {
    session_id: outcome.sessionId,
    output: outcome.output,
    stop_reason: outcome.stopReason,
    iterations: acct.iterations,
    llm_calls: acct.llmCalls,
    tool_calls: acct.toolCalls,
    usage: { input_tokens: acct.inputTokens, output_tokens: acct.outputTokens },
    timings_ms: {
      total: round3(performance.now() - acct.started),
      llm: round3(acct.llmMs),
      tool: round3(acct.toolMs),
      state: round3(acct.stateMs),
    },
    state_bytes: { turn: acct.stateBytes.turn, session: acct.stateBytes.session },
  };
}
