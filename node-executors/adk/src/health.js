// The Gemini API's host answers: GET {root}/v1beta/models/{model} (the model lookup) without a server error. A
// 404 from a server that serves only generateContent (the mock) still shows it is there, as in python-adk.
export async function geminiReachable(rootUrl, model, apiKey, timeoutMs = 2000) {
  const response = await fetch(`${rootUrl}/v1beta/models/${encodeURIComponent(model)}`, {
    headers: { "x-goog-api-key": apiKey },
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`HTTP ${response.status} from ${new URL(rootUrl).host}`);
}
