// Entry point shared by every Node executor: settings from the environment, telemetry, the HTTP server on
// HOST (default 127.0.0.1) and PORT, and a graceful stop on SIGTERM / SIGINT.
import { createServer } from "node:http";
import { createHandler } from "./app.js";
import { ConfigError, settingsFromEnv } from "./config.js";
import { logger } from "./log.js";
import { setupTelemetry, shutdownTelemetry } from "./telemetry.js";

const log = logger("benchapp.server");

/**
 * build(settings) -> executor (see app.js). Resolves to the listening server; the process exits 2 on a
 * configuration error, and 0 after a graceful stop.
 */
export async function serve(name, build) {
  let settings;
  try {
    settings = settingsFromEnv();
  } catch (e) {
    exitOnConfigError(e);
  }
  // Before build: a framework that binds its tracer when it is imported (an executor may import it lazily in
  // build) must find the global tracer provider already registered.
  await setupTelemetry(name);
  let executor;
  try {
    executor = await build(settings);
  } catch (e) {
    exitOnConfigError(e);
  }
  await executor.start();

  const server = createServer(createHandler(executor, settings));
  // Longer than the load driver's pooled-connection idle time, so a reused connection is not closed under it.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  server.requestTimeout = (settings.runTimeoutSeconds + 30) * 1000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address();
  const d = executor.describe();
  log.info(
    `${d.executor} ready: ${d.framework} ${d.frameworkVersion}, state store ${d.stateStore}, LLM ${settings.llmBaseUrl ?? "(unset)"}; ` +
      `Node ${process.versions.node}, pid ${process.pid}`,
  );
  // The line tests and launchers wait for (the same words as Kestrel's and uvicorn's).
  log.info(`Now listening on: http://${settings.host}:${port}`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: no new connections; waiting up to ${settings.shutdownGraceSeconds} s for runs in flight`);
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const grace = new Promise((resolve) => setTimeout(resolve, settings.shutdownGraceSeconds * 1000).unref());
    await Promise.race([closed, grace]);
    server.closeAllConnections();
    await executor.stop().catch((e) => log.warn(`Executor stop failed: ${e.message}`));
    await shutdownTelemetry();
    log.info("Stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  return server;
}

function exitOnConfigError(e) {
  if (!(e instanceof ConfigError)) throw e;
  log.error(`Configuration error: ${e.message}`);
  process.exit(2);
}
