// node-langgraph: the agent as a LangGraph.js StateGraph (graph.js), ChatOpenAI against the configured OpenAI
// base URL, checkpoints in SQLite (checkpoints.js), thread_id = session id. Written against @langchain/langgraph
// 1.7.3, @langchain/core 1.4.0, @langchain/openai 1.5.8, @langchain/langgraph-checkpoint-sqlite 1.0.4 (see
// FRAMEWORK.md for each behaviour relied on and the upstream file).
import { randomUUID } from "node:crypto";
import {
  COMPLETED,
  DependencyUnavailable,
  installedVersion,
  llmReachable,
  logger,
  MAX_ITERATIONS,
  probe,
  requireLlm,
  SessionNotFound,
} from "@benchapp/executor-common";
import { HumanMessage } from "@langchain/core/messages";
import { GraphRecursionError } from "@langchain/langgraph";
import { SqliteCheckpoints } from "./checkpoints.js";
import { buildGraph, recursionLimitFor } from "./graph.js";
import { bindContractTools, createChatModel } from "./model.js";
import { langchainTools } from "./tools.js";
import { messageText, UsageHandler } from "./usage.js";

export const NAME = "node-langgraph";
// "exit": one checkpoint per turn, written when the graph stops, as the contract asks ("persisted once per
// turn") and as python-langgraph does. LangGraph's default is "async" (one per super-step).
const DURABILITY = "exit";
const log = logger("benchapp.langgraph");

export class LangGraphExecutor {
  constructor(settings) {
    this.settings = settings;
    this.llmUrl = requireLlm(settings);
    this.checkpoints = new SqliteCheckpoints(settings.dataDir, settings.stateStoreTimeoutSeconds);
    this.graph = null;
    this.version = installedVersion("@langchain/langgraph", import.meta.url);
  }

  describe() {
    const s = this.settings;
    return {
      executor: NAME,
      framework: "langgraph-js",
      frameworkVersion: this.version,
      // With durability "exit" a turn cut by a crash is not resumed: only finished turns persist.
      durable: false,
      stateStore: "sqlite",
      settings: {
        recursion_limit: "2 * max_iterations",
        recursion_limit_at_default_max_iterations: recursionLimitFor(10),
        durability: DURABILITY,
        checkpointer: "SqliteSaver (better-sqlite3, WAL)",
        sqlite_busy_timeout_ms: s.stateStoreTimeoutSeconds * 1000,
        llm_client: "ChatOpenAI (chat completions)",
        llm_streaming: false,
        llm_max_retries: s.llmMaxAttempts - 1,
        llm_sdk_max_retries: 0,
        llm_timeout_seconds: s.llmTimeoutSeconds,
        temperature: 0,
        parallel_tool_calls: true,
        tool_node_concurrency: "all tool calls of a reply at once",
        tool_node_handle_tool_errors: true,
        node_retry_policy: "none",
        graph_max_concurrency: "unlimited",
        run_timeout_seconds: s.runTimeoutSeconds,
        system_prompt: "none",
      },
    };
  }

  async start() {
    const s = this.settings;
    this.model = createChatModel(s, this.llmUrl);
    const tools = langchainTools();
    this.builder = buildGraph(bindContractTools(this.model, tools), tools);
    try {
      this.#compile();
    } catch (e) {
      // A state store that is down at start is reported by /health and answered 503 per run, not a crash.
      if (!(e instanceof DependencyUnavailable)) throw e;
      log.warn(`Checkpoints unavailable at start (${e.message}); retried on each run`);
    }
  }

  #compile() {
    if (!this.graph) {
      this.graph = this.builder.compile({ checkpointer: this.checkpoints.open() });
      log.info(`Checkpoints in ${this.checkpoints.path}`);
    }
    return this.graph;
  }

  async stop() {
    this.checkpoints.close();
  }

  async health() {
    return {
      llm: await probe(() => llmReachable(this.llmUrl, this.settings.llmApiKey)),
      sqlite: await probe(async () => this.checkpoints.ping()),
    };
  }

  async run(request, acct, signal) {
    const graph = this.#compile();
    const sessionId = request.sessionId ?? randomUUID().replaceAll("-", "");
    let before = 0;
    if (request.sessionId !== null) {
      // One extra read per continued turn (LangGraph reads the checkpoint again itself): the 404 check and
      // the size before the turn, from the rows alone, without deserialising them.
      const size = await acct.timeState(() => this.checkpoints.size(sessionId));
      if (size.checkpoints === 0) throw new SessionNotFound(sessionId);
      before = size.bytes;
    }

    const usage = new UsageHandler(acct, this.settings.llmModel);
    const config = {
      configurable: { thread_id: sessionId },
      callbacks: [usage],
      recursionLimit: recursionLimitFor(request.maxIterations),
      durability: DURABILITY,
      signal,
    };
    let result = null;
    let stopReason = COMPLETED;
    try {
      result = await graph.invoke({ messages: [new HumanMessage(request.message)] }, config);
    } catch (e) {
      if (acct.stateError) throw acct.stateError;
      if (!isRecursionLimit(e)) throw e;
      // max_iterations LLM calls were made and their tool calls ran; LangGraph wrote the exit checkpoint
      // before raising (PregelLoop.finishAndHandleError), so the turn is kept.
      stopReason = MAX_ITERATIONS;
    }
    if (acct.stateError) throw acct.stateError;

    const after = await acct.timeState(() => this.checkpoints.size(sessionId));
    acct.stateBytes = { turn: after.bytes - before, session: after.bytes };
    const output = stopReason === COMPLETED ? messageText(result.messages.at(-1)) : usage.lastText;
    return { sessionId, output, stopReason };
  }
}

const isRecursionLimit = (e) => e instanceof GraphRecursionError || e?.lc_error_code === "GRAPH_RECURSION_LIMIT";
