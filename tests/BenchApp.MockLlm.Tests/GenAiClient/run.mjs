// Drives the mock LLM through the real @google/genai client: a function-call loop with generateContent,
// a streamed answer with generateContentStream (alt=sse), and an injected 429 surfacing as ApiError.
// Usage: MOCK_URL=http://127.0.0.1:PORT node run.mjs  -> one JSON summary on stdout.
import { GoogleGenAI, ApiError } from '@google/genai';

const base = process.env.MOCK_URL;
const ai = new GoogleGenAI({ apiKey: 'AIza-mock', httpOptions: { baseUrl: base } });
const model = 'bench-model';
const tools = [{
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: { type: 'object', properties: { city: { type: 'string', minLength: 1 }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, delay_ms: { type: 'integer', minimum: 0, maximum: 10000 } }, required: ['city'] },
    },
    {
      name: 'calculator',
      description: 'Evaluates an arithmetic expression.',
      parametersJsonSchema: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'], additionalProperties: false },
    },
  ],
}];
const config = { tools, systemInstruction: 'You are a benchmark agent.' };

const summary = { loop: [], calls: [], stream: {}, error: {} };
const contents = [{ role: 'user', parts: [{ text: '#bench tool_calls=3 parallel=2 reply_tokens=6 tool_delay_ms=2 run=genai-sdk\nWeather, then a sum.' }] }];
for (let turn = 0; turn < 5; turn++) {
  const response = await ai.models.generateContent({ model, contents, config });
  const calls = response.functionCalls ?? [];
  summary.loop.push({ calls: calls.length, text: calls.length ? null : response.text, finishReason: response.candidates?.[0]?.finishReason,
    usage: response.usageMetadata, modelVersion: response.modelVersion });
  if (calls.length === 0) break;
  for (const call of calls) summary.calls.push({ id: call.id, name: call.name, args: call.args });
  contents.push(response.candidates[0].content);
  contents.push({ role: 'user', parts: calls.map((call) => ({ functionResponse: { id: call.id, name: call.name, response: { result: 'ok' } } })) });
}

let text = '';
let chunks = 0;
let last;
for await (const chunk of await ai.models.generateContentStream({ model, contents: '#bench reply_tokens=5', config })) {
  chunks++;
  text += chunk.text ?? '';
  last = chunk;
}
summary.stream = { chunks, text, finishReason: last?.candidates?.[0]?.finishReason, usage: last?.usageMetadata };

await fetch(`${base}/admin/faults/fail-next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1, kind: 'rate_limit' }) });
try {
  await ai.models.generateContent({ model, contents: 'hi', config });
  summary.error = { thrown: false };
} catch (e) {
  summary.error = { thrown: true, apiError: e instanceof ApiError, status: e.status, message: String(e.message) };
}
console.log(JSON.stringify(summary));
