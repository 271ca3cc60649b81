// node-adk: the agent as a Google ADK (TypeScript) LlmAgent run by a Runner (agent.js), ADK's Gemini model against
// the configured Gemini API root (gemini.js), sessions in SQLite through ADK's DatabaseSessionService
// (sessions.js), session id = ADK session id. Written against @google/adk 2.0.0 with @google/genai 2.32.0 (see
// docs/frameworks.md "Google ADK for TypeScript" for each behaviour relied on and the upstream file).
import { randomUUID } from "node:crypto";
import { ConfigError, DependencyUnavailable, installedVersion, logger, probe, requireLlm, SessionNotFound } from "@benchapp/executor-common";
import { isFinalResponse, StreamingMode } from "@google/adk";
import { AGENT_NAME, APP_NAME, INSTRUCTION, USER_ID, createModel, createRunner } from "./agent.js";
import { geminiBaseUrlFromEnv } from "./gemini.js";
import { geminiReachable } from "./health.js";
import { replyText } from "./metering.js";
import { turnOutcome } from "./outcome.js";
import { SqliteSessions } from "./sessions.js";
import { TurnRecord } from "./turn.js";

export const NAME = "node-adk";
const log = logger("benchapp.adk");

export class AdkExecutor {
  constructor(settings, env = process.env) {
    this.settings = settings;
    this.geminiUrl = geminiBaseUrlFromEnv(env, requireLlm(settings));
    if (!this.geminiUrl) {
      throw new ConfigError(
        `node-adk needs the Gemini API root: set GOOGLE_GEMINI_BASE_URL, or an LLM_BASE_URL ending in /v1 (got '${settings.llmBaseUrl}').`,
      );
    }
    this.sessions = new SqliteSessions(settings.dataDir, settings.stateStoreTimeoutSeconds, { appName: APP_NAME, userId: USER_ID });
    this.runner = null;
    this.version = installedVersion("@google/adk", import.meta.url);
    this.genaiVersion = installedVersion("@google/genai", import.meta.url);
  }

  describe() {
    const s = this.settings;
    return {
      executor: NAME,
      framework: "google-adk-js",
      frameworkVersion: this.version,
      // Events are written one by one as the Runner yields them, but a turn cut by a crash is not resumed.
      durable: false,
      stateStore: "sqlite",
      settings: {
        agent: "LlmAgent",
        model: "Gemini (@google/genai Gemini API)",
        genai_version: this.genaiVersion,
        gemini_base_url: this.geminiUrl,
        session_service: "DatabaseSessionService (MikroORM better-sqlite)",
        session_writes: "one appendEvent per non-partial event (user message, each reply, each tool-results event)",
        sqlite_journal: this.sessions.journal ?? "not read yet (the database is not open)",
        sqlite_busy_timeout_ms: s.stateStoreTimeoutSeconds * 1000,
        max_llm_calls: "max_iterations",
        streaming_mode: StreamingMode.NONE,
        llm_attempts: s.llmMaxAttempts,
        llm_retries: "@google/genai httpOptions.retryOptions (p-retry, 1 s doubling with jitter, 408/429/5xx)",
        llm_timeout_seconds: s.llmTimeoutSeconds,
        tool_execution: "the calls of one reply one after another (ADK's handleFunctionCallList)",
        instruction: INSTRUCTION,
        agent_name: AGENT_NAME,
        run_timeout_seconds: s.runTimeoutSeconds,
      },
    };
  }

  async start() {
    this.model = createModel(this.settings, this.geminiUrl);
    log.info(`Gemini API at ${this.geminiUrl}, model ${this.settings.llmModel}`);
    try {
      await this.#open();
    } catch (e) {
      // A state store that is down at start is reported by /health and answered 503 per run, not a crash.
      if (!(e instanceof DependencyUnavailable)) throw e;
      log.warn(`Sessions unavailable at start (${e.message}); retried on each run`);
    }
  }

  async #open() {
    if (!this.runner) {
      this.runner = createRunner(this.model, await this.sessions.open());
      log.info(`Sessions in ${this.sessions.path}`);
    }
    return this.runner;
  }

  async stop() {
    await this.sessions.close();
  }

  async health() {
    return {
      llm: await probe(() => geminiReachable(this.geminiUrl, this.settings.llmModel, this.settings.llmApiKey)),
      sqlite: await probe(() => this.sessions.ping()),
    };
  }

  async run(request, acct, signal) {
    const runner = await this.#open();
    const service = runner.sessionService;
    const sessionId = request.sessionId ?? randomUUID().replaceAll("-", "");
    let before = 0;
    if (request.sessionId !== null) {
      // One read before the Runner's own getSession: the 404 check and the stored size, from the rows alone.
      const size = await acct.timeState(() => this.sessions.size(sessionId));
      if (size.sessions === 0) throw new SessionNotFound(sessionId);
      before = size.bytes;
    } else {
      await service.createSession({ appName: APP_NAME, userId: USER_ID, sessionId });
    }

    const turn = new TurnRecord();
    let errorEvent = null;
    let finalText = null;
    await turn.bind(async () => {
      const events = runner.runAsync({
        userId: USER_ID,
        sessionId,
        newMessage: { role: "user", parts: [{ text: request.message }] },
        runConfig: { maxLlmCalls: request.maxIterations, streamingMode: StreamingMode.NONE },
        abortSignal: signal,
      });
      // Read to the end: the Runner appends each event to the session before yielding it.
      for await (const event of events) {
        if (event.errorCode) errorEvent ??= event;
        else if (event.author === AGENT_NAME && isFinalResponse(event)) finalText = replyText(event.content);
      }
    });
    if (acct.stateError) throw acct.stateError;
    if (signal.aborted) throw signal.reason; // ADK returns quietly on abort; the server answers the run timeout

    const outcome = turnOutcome({
      errorEvent,
      finalText,
      turn,
      llmCalls: acct.llmCalls,
      maxIterations: request.maxIterations,
      timeoutSeconds: this.settings.llmTimeoutSeconds,
    });
    const after = await acct.timeState(() => this.sessions.size(sessionId));
    acct.stateBytes = { turn: after.bytes - before, session: after.bytes };
    return { sessionId, ...outcome };
  }
}
