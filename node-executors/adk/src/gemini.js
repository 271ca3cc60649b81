// ADK's Gemini model pointed at the configured Gemini API root (the mock's), with our timeout and retries.
// @google/adk 2.0.0 `models/google_llm.js`: the constructor takes no httpOptions; the @google/genai client is
// built lazily (`apiClient`) from `getHttpOptions()` (only ADK's tracking headers) and the API key. genai's
// `getBaseUrl` prefers httpOptions.baseUrl over GOOGLE_GEMINI_BASE_URL, so extending getHttpOptions is the one
// place to set the address, the per-attempt timeout and genai's own retry options without touching the env.
import { Gemini } from "@google/adk";

export class BenchGemini extends Gemini {
  constructor({ model, apiKey, baseUrl, timeoutMs, attempts }) {
    super({ model, apiKey, vertexai: false });
    this.benchHttpOptions = {
      baseUrl,
      // @google/genai 2.32.0 ApiClient.apiCall: a fresh AbortSignal per attempt, so this bounds each attempt.
      timeout: timeoutMs,
      // p-retry over retryable statuses (408, 429, 5xx) and network errors; `attempts` counts the first call.
      // Without retryOptions genai makes a single attempt.
      retryOptions: { attempts },
    };
  }

  getHttpOptions() {
    return { ...super.getHttpOptions(), ...this.benchHttpOptions };
  }
}

/**
 * The Gemini API root (genai appends /v1beta/models/...): GOOGLE_GEMINI_BASE_URL (genai's own variable), else the
 * mock's service-discovery address, else the OpenAI base URL without its /v1 (as python-adk's options.py).
 */
export function geminiBaseUrlFromEnv(env, openAiBaseUrl) {
  for (const key of ["GOOGLE_GEMINI_BASE_URL", "services__mock-llm__http__0", "services__mock-llm__https__0"]) {
    const value = env[key]?.trim();
    if (value) return value.replace(/\/+$/, "");
  }
  const root = (openAiBaseUrl ?? "").replace(/\/+$/, "");
  return root.endsWith("/v1") ? root.slice(0, -"/v1".length) : null;
}
