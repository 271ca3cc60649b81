// Counts the turn's chat-model calls, their token usage and the time spent waiting on them, from LangChain's
// callbacks (one handleChatModelStart / handleLLMEnd pair per model.invoke; retries happen inside it).
import { performance } from "node:perf_hooks";
import { telemetry } from "@benchapp/executor-common";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";

export class UsageHandler extends BaseCallbackHandler {
  name = "benchapp_usage";
  // Awaited inline, not in the background: the counts must be complete when invoke() returns.
  awaitHandlers = true;
  #started = new Map();

  constructor(acct, model) {
    super();
    this.acct = acct;
    this.model = model;
    /** Text of the turn's last reply that had any (the output when the turn is cut by max_iterations). */
    this.lastText = "";
  }

  handleChatModelStart(_llm, _messages, runId) {
    this.#started.set(runId, performance.now());
  }

  handleLLMEnd(output, runId) {
    const seconds = this.#stop(runId);
    let input = 0;
    let outputTokens = 0;
    for (const generations of output.generations ?? []) {
      for (const g of generations) {
        const usage = g.message?.usage_metadata;
        input += usage?.input_tokens ?? 0;
        outputTokens += usage?.output_tokens ?? 0;
        const text = messageText(g.message);
        if (text) this.lastText = text;
      }
    }
    this.acct.addLlmReply(input, outputTokens);
    telemetry.recordLlmCall(seconds, this.model, input, outputTokens);
  }

  handleLLMError(_error, runId) {
    this.#stop(runId);
  }

  #stop(runId) {
    const started = this.#started.get(runId);
    if (started === undefined) return 0;
    this.#started.delete(runId);
    const ms = performance.now() - started;
    this.acct.llmMs += ms;
    return ms / 1000;
  }
}

/** A message's text: string content, or the text parts of content blocks. */
export function messageText(message) {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part === "string" ? part : part?.type === "text" ? (part.text ?? "") : "")).join("");
}
