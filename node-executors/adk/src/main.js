// node-adk: `node src/main.js` (PORT, LLM_BASE_URL or services__mock-llm__http__0 or GOOGLE_GEMINI_BASE_URL,
// BENCHAPP_DATA_DIR).
import { serve } from "@benchapp/executor-common";
import { AdkExecutor, NAME } from "./executor.js";

await serve(NAME, (settings) => new AdkExecutor(settings));
