// The agent as ADK TypeScript users build it: an LlmAgent with the model, an instruction and function tools,
// run by a Runner over a session service, with the metering plugin. Shared by the executor and its tests.
import { LlmAgent, LogLevel, Runner, setLogLevel } from "@google/adk";
import { BenchGemini } from "./gemini.js";
import { MeteringPlugin } from "./metering.js";
import { adkTools } from "./tools.js";

export const APP_NAME = "benchapp";
export const USER_ID = "bench";
export const AGENT_NAME = "bench_agent";
// The same instruction as python-adk (python-executors/benchapp_adk/options.py).
export const INSTRUCTION = "You are a helpful assistant. Use the tools.";

export function createModel(settings, geminiBaseUrl) {
  return new BenchGemini({
    model: settings.llmModel,
    apiKey: settings.llmApiKey,
    baseUrl: geminiBaseUrl,
    timeoutMs: settings.llmTimeoutSeconds * 1000,
    attempts: settings.llmMaxAttempts,
  });
}

export function createRunner(model, sessionService) {
  // ADK's own logger writes an INFO line per model call ("Sending out request ..."): warnings and errors only.
  setLogLevel(LogLevel.WARN);
  const agent = new LlmAgent({ name: AGENT_NAME, model, instruction: INSTRUCTION, tools: adkTools() });
  return new Runner({ appName: APP_NAME, agent, sessionService, plugins: [new MeteringPlugin(model.model)] });
}
