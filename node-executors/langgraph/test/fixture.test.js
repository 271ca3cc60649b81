// What the executor's ChatOpenAI really sends equals contracts/framework-requests/node-langgraph.json, case by
// case: the real graph, model, tools and checkpointer against a loopback endpoint answering as the fixture says.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { tools } from "@benchapp/executor-common";
import { HumanMessage } from "@langchain/core/messages";
import { startOpenAiDouble } from "./support/openai-double.js";
import { executorGraph } from "./support/graph.js";

const fixture = JSON.parse(readFileSync(join(tools.contractsDir(), "framework-requests", "node-langgraph.json"), "utf8"));
const cases = Object.fromEntries(fixture.cases.map((c) => [c.name, c]));

test("the three fixture cases are the requests of a two-turn session", async () => {
  const first = cases["first-turn"].request.messages;
  const afterTools = cases["tool-result-turn"].request.messages;
  const continued = cases["continued-session"].request.messages;
  const replies = [
    { content: null, tool_calls: afterTools[1].tool_calls },
    { content: continued[4].content },
    { content: "done" },
  ];
  const double = await startOpenAiDouble((_body, i) => replies[Math.min(i, 2)]);
  const g = executorGraph(double.url);
  try {
    const config = { configurable: { thread_id: "fixture" }, durability: "exit", recursionLimit: 20 };
    await g.graph.invoke({ messages: [new HumanMessage(first[0].content)] }, config);
    await g.graph.invoke({ messages: [new HumanMessage(continued[5].content)] }, config);
    assert.equal(double.requests.length, 3);
    const names = ["first-turn", "tool-result-turn", "continued-session"];
    double.requests.forEach((r, i) => {
      const expected = cases[names[i]];
      assert.equal(r.path, expected.path);
      assert.equal(r.headers.authorization, expected.headers.authorization);
      assert.deepEqual(r.body, expected.request, names[i]);
    });
  } finally {
    g.dispose();
    await double.close();
  }
});
