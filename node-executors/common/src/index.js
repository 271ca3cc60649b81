// The executor contract layer any Node executor reuses.
export * as problems from "./problems.js";
export * as tools from "./tools.js";
export { formatNumber } from "./numbers.js";
export { dotnetTrim, isBlank, utf8Length } from "./text.js";
export * as validation from "./validation.js";
export { ConfigError, settingsFromEnv, llmBaseUrlFromEnv, requireLlm } from "./config.js";
export { SessionNotFound, LlmUnavailable, LlmTimeout, DependencyUnavailable, classifyLlmError } from "./errors.js";
export { RunAccounting, currentAccounting, meterStateCalls, responseBody, COMPLETED, MAX_ITERATIONS } from "./accounting.js";
export { probe, llmReachable, failing } from "./health.js";
export { sqliteFailure } from "./sqlite.js";
export { installedVersion } from "./versions.js";
export { createHandler, toProblem } from "./app.js";
export { serve } from "./server.js";
export { logger } from "./log.js";
export * as telemetry from "./telemetry.js";
