// A loopback Gemini API endpoint (generateContent, streamGenerateContent?alt=sse) that records each request and
// answers from a script: a protocol test double for checking what ADK sends and how the agent reacts, not a
// benchmark LLM. reply(body, index) -> Content parts of the model's reply.
import { startRecordingServer } from "@benchapp/executor-common/testing";

export function startGeminiDouble(reply) {
  return startRecordingServer((req, body, index) => {
    const response = JSON.stringify({
      candidates: [{ content: { role: "model", parts: reply(body, index) }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 },
      modelVersion: "double",
    });
    return req.url.includes(":streamGenerateContent")
      ? { contentType: "text/event-stream", payload: `data: ${response}\r\n\r\n` }
      : { contentType: "application/json", payload: response };
  });
}

export const functionCall = (id, name, args) => ({ functionCall: { id, name, args } });
