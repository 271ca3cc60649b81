// A loopback OpenAI chat-completions endpoint that records each request body and answers from a script: a
// protocol test double for checking what ChatOpenAI sends and how the graph reacts, not a benchmark LLM.
import { startRecordingServer } from "@benchapp/executor-common/testing";

// Response ids unique over the process: ChatOpenAI makes them the AIMessage id, and LangGraph's messages
// reducer replaces a message whose id it already holds (an LLM repeating ids would rewrite the history).
let responses = 0;

export async function startOpenAiDouble(reply) {
  const double = await startRecordingServer((req, body, index) => {
    const message = reply(body, index);
    const payload = JSON.stringify({
      id: `chatcmpl-double-${++responses}`,
      object: "chat.completion",
      created: 0,
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });
    return { contentType: "application/json", payload };
  });
  return { ...double, url: `${double.url}/v1` };
}

export const toolCall = (id, name, args) => ({ id, type: "function", function: { name, arguments: JSON.stringify(args) } });
