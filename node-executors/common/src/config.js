// Settings read once from the environment the AppHost (or a user) gives an executor.
export const DEFAULT_MODEL = "bench-model";
export const DEFAULT_API_KEY = "mock-key";

/** A setting is present but unusable; the message names the variable. */
export class ConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
}

export function settingsFromEnv(env = process.env) {
  return Object.freeze({
    host: get(env, "HOST") ?? "127.0.0.1",
    port: int(env, "PORT", 8000, 0, 65535),
    llmBaseUrl: llmBaseUrlFromEnv(env),
    llmModel: get(env, "LLM_MODEL") ?? DEFAULT_MODEL,
    llmApiKey: get(env, "LLM_API_KEY") ?? DEFAULT_API_KEY,
    runTimeoutSeconds: positive(env, "RUN_TIMEOUT_SECONDS", 120),
    llmTimeoutSeconds: positive(env, "LLM_TIMEOUT_SECONDS", 60),
    llmMaxAttempts: int(env, "LLM_MAX_ATTEMPTS", 3, 1, 10),
    stateStoreTimeoutSeconds: positive(env, "STATE_STORE_TIMEOUT_SECONDS", 2),
    shutdownGraceSeconds: positive(env, "SHUTDOWN_GRACE_SECONDS", 10),
    dataDir: get(env, "BENCHAPP_DATA_DIR") ?? ".data",
  });
}

/** LLM_BASE_URL (a full OpenAI base URL) wins; else the mock's service-discovery address + /v1. */
export function llmBaseUrlFromEnv(env) {
  const explicit = get(env, "LLM_BASE_URL");
  if (explicit) return explicit.replace(/\/+$/, "");
  for (const key of ["services__mock-llm__http__0", "services__mock-llm__https__0"]) {
    const value = get(env, key);
    if (value) return value.replace(/\/+$/, "") + "/v1";
  }
  return null;
}

export function requireLlm(settings) {
  if (!settings.llmBaseUrl) {
    throw new ConfigError(
      "No LLM address: set LLM_BASE_URL (e.g. http://localhost:5000/v1) or reference mock-llm " +
        "so that services__mock-llm__http__0 is set.",
    );
  }
  return settings.llmBaseUrl;
}

function get(env, key) {
  const value = env[key];
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function int(env, key, fallback, lo, hi) {
  const raw = get(env, key);
  if (raw === null) return fallback;
  if (!/^[+-]?\d+$/.test(raw)) throw new ConfigError(`${key}='${raw}' is not an integer.`);
  const value = Number(raw);
  if (value < lo || value > hi) throw new ConfigError(`${key}=${value} is outside [${lo}, ${hi}].`);
  return value;
}

function positive(env, key, fallback) {
  const raw = get(env, key);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (Number.isNaN(value)) throw new ConfigError(`${key}='${raw}' is not a number.`);
  if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(`${key}=${raw} must be positive.`);
  return value;
}
