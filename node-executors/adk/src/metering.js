// LLM calls, their token usage and the time spent waiting on them, from ADK's plugin callbacks (the place
// @google/adk 2.0.0 `plugins/base_plugin.js` names for metrics on token usage). In `agents/llm_agent.js`
// callLlmAsync, beforeModelCallback runs before the call-limit check and the model call, afterModelCallback once
// per LlmResponse (once per call when not streaming; genai's retries happen inside the call), and
// runAndHandleError calls onModelErrorCallback when the call limit or the model threw.
import { performance } from "node:perf_hooks";
import { BasePlugin } from "@google/adk";
import { currentAccounting, telemetry } from "@benchapp/executor-common";
import { currentTurn } from "./turn.js";

export class MeteringPlugin extends BasePlugin {
  constructor(model) {
    super("benchapp_metering");
    this.model = model;
  }

  async beforeModelCallback() {
    const turn = currentTurn();
    // One agent per turn calls the model one call at a time, so one start time per turn is enough.
    if (turn) turn.callStarted = performance.now();
    return undefined;
  }

  async afterModelCallback({ llmResponse }) {
    if (llmResponse.partial) return undefined; // a streaming chunk: the aggregate that follows counts
    const seconds = stopClock();
    const usage = llmResponse.usageMetadata ?? {};
    const input = usage.promptTokenCount ?? 0;
    const output = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
    currentAccounting()?.addLlmReply(input, output);
    telemetry.recordLlmCall(seconds, this.model, input, output);
    const text = replyText(llmResponse.content);
    const turn = currentTurn();
    if (text && turn) turn.lastText = text;
    return undefined;
  }

  async onModelErrorCallback({ error }) {
    stopClock();
    const turn = currentTurn();
    if (turn) turn.modelError ??= error;
    return undefined; // ADK then yields its error event, which ends the agent's loop
  }
}

/** Seconds since the turn's current model call started (added to timings_ms.llm); 0 outside a turn. */
function stopClock() {
  const turn = currentTurn();
  if (turn?.callStarted === undefined || turn.callStarted === null) return 0;
  const ms = performance.now() - turn.callStarted;
  turn.callStarted = null;
  const acct = currentAccounting();
  if (acct) acct.llmMs += ms;
  return ms / 1000;
}

/** The text parts of a reply (thoughts left out). */
export function replyText(content) {
  return (content?.parts ?? []).filter((p) => typeof p.text === "string" && !p.thought).map((p) => p.text).join("");
}
