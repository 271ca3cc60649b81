// The stop rule: recursionLimitFor(max_iterations) lets exactly max_iterations model calls run, each with its
// tool step, and refuses the next with GraphRecursionError, after which the turn is in the checkpoint.
import assert from "node:assert/strict";
import { test } from "node:test";
import { HumanMessage } from "@langchain/core/messages";
import { GraphRecursionError } from "@langchain/langgraph";
import { recursionLimitFor } from "../src/graph.js";
import { executorGraph } from "./support/graph.js";
import { startOpenAiDouble, toolCall } from "./support/openai-double.js";

let ids = 0; // unique over the file: ToolNode skips a call whose id already has a result in the thread
const call = (i) => ({ content: null, tool_calls: [toolCall(`call_${++ids}`, "calculator", { expression: `${i} + 1` })] });

for (const maxIterations of [1, 2, 5]) {
  test(`max_iterations ${maxIterations}: that many model calls and tool steps, then GraphRecursionError`, async () => {
    const double = await startOpenAiDouble((_body, i) => call(i));
    const g = executorGraph(double.url);
    try {
      const config = { configurable: { thread_id: "t" }, durability: "exit", recursionLimit: recursionLimitFor(maxIterations) };
      await assert.rejects(g.graph.invoke({ messages: [new HumanMessage("go")] }, config), GraphRecursionError);
      assert.equal(double.requests.length, maxIterations);
      const saved = await g.checkpoints.saver.getTuple({ configurable: { thread_id: "t" } });
      const messages = saved.checkpoint.channel_values.messages;
      assert.equal(messages.length, 1 + 2 * maxIterations, "user message, then each reply and its tool result");
      assert.equal(messages.at(-1).content, `${maxIterations}`); // calculator(`${maxIterations - 1} + 1`)
    } finally {
      g.dispose();
      await double.close();
    }
  });

  test(`max_iterations ${maxIterations}: a final answer at the last allowed call completes`, async () => {
    const double = await startOpenAiDouble((_body, i) => (i < maxIterations - 1 ? call(i) : { content: "final" }));
    const g = executorGraph(double.url);
    try {
      const config = { configurable: { thread_id: "t" }, durability: "exit", recursionLimit: recursionLimitFor(maxIterations) };
      const result = await g.graph.invoke({ messages: [new HumanMessage("go")] }, config);
      assert.equal(result.messages.at(-1).content, "final");
      assert.equal(double.requests.length, maxIterations);
      // and the next turn of the thread gets the same budget again
      double.requests.length = 0;
      await g.graph.invoke({ messages: [new HumanMessage("again")] }, config);
      assert.equal(double.requests.length, maxIterations);
    } finally {
      g.dispose();
      await double.close();
    }
  });
}
