// A loopback Gemini API endpoint (generateContent, streamGenerateContent?alt=sse) that records each request and
// answers from a script: a protocol test double for checking what ADK sends and how the agent reacts, not a
// benchmark LLM. reply(body, index) -> Content parts of the model's reply.
import { createServer } from "node:http";

export async function startGeminiDouble(reply) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    requests.push({ path: req.url, headers: req.headers, body });
    const response = {
      candidates: [{ content: { role: "model", parts: reply(body, requests.length - 1) }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
      modelVersion: "double",
    };
    if (req.url.includes(":streamGenerateContent")) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`data: ${JSON.stringify(response)}\r\n\r\n`);
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(response));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const functionCall = (id, name, args) => ({ functionCall: { id, name, args } });
