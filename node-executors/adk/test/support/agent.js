// The executor's own model, agent, runner and sessions, wired as AdkExecutor wires them, on a temp directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunAccounting, settingsFromEnv } from "@benchapp/executor-common";
import { StreamingMode } from "@google/adk";
import { APP_NAME, USER_ID, createModel, createRunner } from "../../src/agent.js";
import { SqliteSessions } from "../../src/sessions.js";
import { TurnRecord } from "../../src/turn.js";

export async function executorAgent(geminiUrl, { apiKey = "bench-key" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "node-adk-test-"));
  const settings = { ...settingsFromEnv({}), llmMaxAttempts: 1, llmApiKey: apiKey };
  const sessions = new SqliteSessions(dir, 2, { appName: APP_NAME, userId: USER_ID });
  const runner = createRunner(createModel(settings, geminiUrl), await sessions.open());
  return {
    runner,
    sessions,
    async createSession(sessionId) {
      await runner.sessionService.createSession({ appName: APP_NAME, userId: USER_ID, sessionId });
    },
    /** One turn read to its end: {events, acct, turn}. */
    async turn(sessionId, text, { maxLlmCalls = 10, streamingMode = StreamingMode.NONE } = {}) {
      const acct = new RunAccounting();
      const turn = new TurnRecord();
      const events = [];
      await acct.bind(() =>
        turn.bind(async () => {
          const run = runner.runAsync({
            userId: USER_ID,
            sessionId,
            newMessage: { role: "user", parts: [{ text }] },
            runConfig: { maxLlmCalls, streamingMode },
          });
          for await (const event of run) events.push(event);
        }),
      );
      return { events, acct, turn };
    },
    async dispose() {
      await sessions.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
