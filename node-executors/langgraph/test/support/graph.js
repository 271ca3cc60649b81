// The executor's own graph, model and checkpoints, wired as LangGraphExecutor wires them, on a temp directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settingsFromEnv } from "@benchapp/executor-common";
import { SqliteCheckpoints } from "../../src/checkpoints.js";
import { buildGraph } from "../../src/graph.js";
import { bindContractTools, createChatModel } from "../../src/model.js";
import { langchainTools } from "../../src/tools.js";

export function executorGraph(llmUrl) {
  const dir = mkdtempSync(join(tmpdir(), "node-langgraph-test-"));
  const settings = { ...settingsFromEnv({}), llmMaxAttempts: 1 };
  const checkpoints = new SqliteCheckpoints(dir, 2);
  const tools = langchainTools();
  const graph = buildGraph(bindContractTools(createChatModel(settings, llmUrl), tools), tools).compile({ checkpointer: checkpoints.open() });
  return {
    graph,
    checkpoints,
    dir,
    dispose() {
      checkpoints.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
