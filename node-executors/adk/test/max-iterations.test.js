// The stop rule: RunConfig maxLlmCalls = max_iterations lets exactly that many model calls run, each with its
// tools; ADK refuses the next one (an error event, not an exception) and the turn ends max_iterations.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COMPLETED, MAX_ITERATIONS } from "@benchapp/executor-common";
import { turnOutcome } from "../src/outcome.js";
import { executorAgent } from "./support/agent.js";
import { functionCall, startGeminiDouble } from "./support/gemini-double.js";

let ids = 0;
const call = (i) => [functionCall(`fc_double_${++ids}`, "calculator", { expression: `${i} + 1` })];
const outcomeOf = ({ events, acct, turn }, maxIterations) =>
  turnOutcome({
    errorEvent: events.find((e) => e.errorCode) ?? null,
    finalText: null,
    turn,
    llmCalls: acct.llmCalls,
    maxIterations,
    timeoutSeconds: 1,
  });

for (const maxIterations of [1, 2, 5]) {
  test(`max_iterations ${maxIterations}: that many model calls and tool steps, then max_iterations`, async () => {
    const double = await startGeminiDouble((_body, i) => call(i));
    const agent = await executorAgent(double.url);
    try {
      await agent.createSession("s");
      const result = await agent.turn("s", "go", { maxLlmCalls: maxIterations });
      assert.equal(double.requests.length, maxIterations);
      assert.deepEqual([result.acct.llmCalls, result.acct.toolCalls], [maxIterations, maxIterations]);
      assert.match(result.turn.modelError.message, new RegExp(`limit of ${maxIterations} exceeded`));
      assert.equal(outcomeOf(result, maxIterations).stopReason, MAX_ITERATIONS);
      const stored = await agent.runner.sessionService.getSession({ appName: "benchapp", userId: "bench", sessionId: "s" });
      const contents = stored.events.filter((e) => e.content).map((e) => e.content);
      assert.equal(contents.length, 1 + 2 * maxIterations, "user message, then each reply and its tool result");
      assert.equal(contents.at(-1).parts[0].functionResponse.response.result, `${maxIterations}`);
      // the limit's error event is stored too (ADK persists every event): content-less, it never reaches the model
      assert.equal(stored.events.at(-1).errorCode, "UNKNOWN_ERROR");
    } finally {
      await agent.dispose();
      await double.close();
    }
  });

  test(`max_iterations ${maxIterations}: a final answer at the last allowed call completes; the next turn gets the budget again`, async () => {
    let turnStart = 0;
    const double = await startGeminiDouble((_body, i) => (i - turnStart < maxIterations - 1 ? call(i) : [{ text: "final" }]));
    const agent = await executorAgent(double.url);
    try {
      await agent.createSession("s");
      const first = await agent.turn("s", "go", { maxLlmCalls: maxIterations });
      assert.equal(double.requests.length, maxIterations);
      assert.deepEqual(outcomeOf(first, maxIterations), { output: "final", stopReason: COMPLETED });
      turnStart = double.requests.length;
      const second = await agent.turn("s", "again", { maxLlmCalls: maxIterations });
      assert.equal(double.requests.length, 2 * maxIterations);
      assert.equal(outcomeOf(second, maxIterations).stopReason, COMPLETED);
      // the first turn's history went to the model on the second turn
      assert.ok(double.requests[turnStart].body.contents.length > 2 * maxIterations);
    } finally {
      await agent.dispose();
      await double.close();
    }
  });
}
