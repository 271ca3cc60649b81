// Where the Gemini model sends its requests and with which bounds: the root's precedence, and the genai client
// options BenchGemini adds to ADK's own (tracking headers kept).
import assert from "node:assert/strict";
import { test } from "node:test";
import { BenchGemini, geminiBaseUrlFromEnv } from "../src/gemini.js";

test("the Gemini root: GOOGLE_GEMINI_BASE_URL, else the mock's service address, else LLM_BASE_URL without /v1", () => {
  const mock = { "services__mock-llm__http__0": "http://mock:5000/" };
  assert.equal(geminiBaseUrlFromEnv({ GOOGLE_GEMINI_BASE_URL: "http://g/", ...mock }, "http://o/v1"), "http://g");
  assert.equal(geminiBaseUrlFromEnv(mock, "http://mock:5000/v1"), "http://mock:5000");
  assert.equal(geminiBaseUrlFromEnv({ GOOGLE_GEMINI_BASE_URL: "  " }, "http://localhost:5180/v1/"), "http://localhost:5180");
  assert.equal(geminiBaseUrlFromEnv({}, "http://provider/openai"), null);
});

test("the genai client gets the root, a per-attempt timeout and the attempts, beside ADK's tracking headers", () => {
  const model = new BenchGemini({ model: "bench-model", apiKey: "k", baseUrl: "http://mock:5000", timeoutMs: 1500, attempts: 3 });
  const options = model.getHttpOptions();
  assert.equal(options.baseUrl, "http://mock:5000");
  assert.equal(options.timeout, 1500);
  assert.deepEqual(options.retryOptions, { attempts: 3 });
  assert.match(options.headers["x-goog-api-client"], /^google-adk\/2\.0\.0 /);
  assert.equal(model.apiClient.vertexai, false);
});
