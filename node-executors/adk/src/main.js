// node-adk: `node src/main.js` (PORT, LLM_BASE_URL or services__mock-llm__http__0 or GOOGLE_GEMINI_BASE_URL,
// BENCHAPP_DATA_DIR). The executor, and with it ADK, is imported only once serve() has set up telemetry: ADK asks
// for its tracer when its module loads (telemetry/tracing.js), and its own copy of @opentelemetry/api would
// otherwise hand out a proxy that never learns of the tracer provider registered later through another copy.
import { serve } from "@benchapp/executor-common";

await serve("node-adk", async (settings) => {
  const { AdkExecutor } = await import("./executor.js");
  return new AdkExecutor(settings);
});
