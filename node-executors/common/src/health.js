// Health probes: each dependency answers "ok" or says what is wrong, within a short bound.
import { setTimeout as sleep } from "node:timers/promises";

/** "ok" when check() settles in time, else what went wrong. */
export async function probe(check, timeoutMs = 2000) {
  const timer = new AbortController();
  try {
    await Promise.race([
      check(),
      sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`no answer within ${timeoutMs / 1000} s`);
      }),
    ]);
    return "ok";
  } catch (e) {
    return e?.message ? `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}` : String(e);
  } finally {
    timer.abort();
  }
}

/** GET {base}/models answers 2xx: the LLM endpoint is up (for executors whose LLM client is a framework's). */
export async function llmReachable(baseUrl, apiKey, timeoutMs = 2000) {
  const response = await fetch(`${baseUrl.replace(/\/+$/, "")}/models`, {
    headers: { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(baseUrl).host}`);
}

export const failing = (checks) => Object.entries(checks).filter(([, v]) => v !== "ok").map(([k]) => k);
