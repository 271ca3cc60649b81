import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, requireLlm, settingsFromEnv } from "../src/config.js";

test("the mock's service-discovery address gets /v1; LLM_BASE_URL wins", () => {
  assert.equal(settingsFromEnv({ "services__mock-llm__http__0": "http://localhost:5180/" }).llmBaseUrl, "http://localhost:5180/v1");
  assert.equal(settingsFromEnv({ "services__mock-llm__http__0": "http://a:1", LLM_BASE_URL: "http://b:2/v1/" }).llmBaseUrl, "http://b:2/v1");
  assert.throws(() => requireLlm(settingsFromEnv({})), ConfigError);
});

test("defaults and bounds", () => {
  const s = settingsFromEnv({});
  assert.deepEqual([s.port, s.runTimeoutSeconds, s.llmTimeoutSeconds, s.llmMaxAttempts, s.stateStoreTimeoutSeconds], [8000, 120, 60, 3, 2]);
  assert.equal(settingsFromEnv({ STATE_STORE_TIMEOUT_SECONDS: "0.5" }).stateStoreTimeoutSeconds, 0.5);
  assert.throws(() => settingsFromEnv({ PORT: "http" }), /PORT='http' is not an integer/);
  assert.throws(() => settingsFromEnv({ PORT: "70000" }), /outside/);
  assert.throws(() => settingsFromEnv({ RUN_TIMEOUT_SECONDS: "0" }), /must be positive/);
  assert.throws(() => settingsFromEnv({ LLM_TIMEOUT_SECONDS: "soon" }), /not a number/);
});
