// A loopback OpenAI chat-completions endpoint that records each request body and answers from a script: a
// protocol test double for checking what ChatOpenAI sends and how the graph reacts, not a benchmark LLM.
import { createServer } from "node:http";

// Response ids unique over the process: ChatOpenAI makes them the AIMessage id, and LangGraph's messages
// reducer replaces a message whose id it already holds (an LLM repeating ids would rewrite the history).
let responses = 0;

export async function startOpenAiDouble(reply) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    requests.push({ path: req.url, headers: req.headers, body });
    const message = reply(body, requests.length - 1);
    const payload = JSON.stringify({
      id: `chatcmpl-double-${++responses}`,
      object: "chat.completion",
      created: 0,
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(payload);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const toolCall = (id, name, args) => ({ id, type: "function", function: { name, arguments: JSON.stringify(args) } });
