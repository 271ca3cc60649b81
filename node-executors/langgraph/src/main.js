// node-langgraph: `node src/main.js` (PORT, LLM_BASE_URL or services__mock-llm__http__0, BENCHAPP_DATA_DIR).
import { serve } from "@benchapp/executor-common";
import { LangGraphExecutor, NAME } from "./executor.js";

await serve(NAME, (settings) => new LangGraphExecutor(settings));
