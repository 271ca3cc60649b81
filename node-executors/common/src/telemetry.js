// OpenTelemetry from the OTEL_* variables Aspire passes (WithOtlpExporter). Off, and none of its packages
// loaded, unless OTEL_EXPORTER_OTLP_ENDPOINT is set. The NodeSDK reads the protocol, headers and resource
// variables itself. Spans follow the GenAI conventions: `invoke_agent {executor}`; metrics
// gen_ai.client.operation.duration and gen_ai.client.token.usage, as the Python executors record them.
import { logger } from "./log.js";

const log = logger("benchapp.telemetry");
let api = null;
let sdk = null;
let tracer = null;
let duration = null;
let tokens = null;
export let status = "not configured";

export async function setupTelemetry(serviceName, env = process.env) {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) {
    status = "off (OTEL_EXPORTER_OTLP_ENDPOINT is not set)";
    log.info(`OpenTelemetry ${status}`);
    return status;
  }
  try {
    const [apiModule, { NodeSDK }, { HttpInstrumentation }, { UndiciInstrumentation }] = await Promise.all([
      import("@opentelemetry/api"),
      import("@opentelemetry/sdk-node"),
      import("@opentelemetry/instrumentation-http"),
      import("@opentelemetry/instrumentation-undici"),
    ]);
    api = apiModule;
    sdk = new NodeSDK({
      serviceName: env.OTEL_SERVICE_NAME || serviceName,
      instrumentations: [
        // Incoming requests are spanned here (the http module is already loaded as ESM, which
        // require-time patching does not reach); outgoing fetch (the LLM client) by undici's diagnostics channel.
        new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
        new UndiciInstrumentation(),
      ],
    });
    sdk.start();
    tracer = api.trace.getTracer("benchapp.executor");
    const meter = api.metrics.getMeter("benchapp.executor");
    duration = meter.createHistogram("gen_ai.client.operation.duration", { unit: "s", description: "GenAI operation duration" });
    tokens = meter.createHistogram("gen_ai.client.token.usage", { unit: "{token}", description: "Tokens used per LLM call" });
    status = `on (OTLP ${env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf"} to ${endpoint})`;
  } catch (e) {
    status = `off (OpenTelemetry could not start: ${e.message})`;
    api = sdk = tracer = null;
  }
  log.info(`OpenTelemetry ${status}`);
  return status;
}

/** Runs fn(span) inside an active span when telemetry is on; fn(null) otherwise. */
export async function span(name, attributes, fn, kind = "INTERNAL") {
  if (!tracer) return fn(null);
  return tracer.startActiveSpan(name, { attributes: clean(attributes), kind: api.SpanKind[kind] }, async (s) => {
    try {
      return await fn(s);
    } catch (e) {
      s.recordException(e);
      s.setStatus({ code: api.SpanStatusCode.ERROR, message: e?.message });
      throw e;
    } finally {
      s.end();
    }
  });
}

export function recordLlmCall(seconds, model, inputTokens, outputTokens) {
  if (!duration) return;
  const attrs = { "gen_ai.operation.name": "chat", "gen_ai.request.model": model };
  duration.record(seconds, attrs);
  tokens.record(inputTokens, { ...attrs, "gen_ai.token.type": "input" });
  tokens.record(outputTokens, { ...attrs, "gen_ai.token.type": "output" });
}

export async function shutdownTelemetry() {
  if (!sdk) return;
  // Bounded: an unreachable collector would otherwise hold the exit for the exporters' retries.
  const bound = new Promise((resolve) => setTimeout(resolve, 3000, "timeout").unref());
  const done = sdk.shutdown().catch((e) => log.warn(`OpenTelemetry shutdown failed: ${e.message}`));
  if ((await Promise.race([done, bound])) === "timeout") log.warn("OpenTelemetry shutdown gave up after 3 s");
}

const clean = (attributes) => Object.fromEntries(Object.entries(attributes ?? {}).filter(([, v]) => v !== undefined && v !== null));
