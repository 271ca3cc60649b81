// The chat model as the executor builds it, with the contract tools bound (used by the executor and its tests).
import { ChatOpenAI } from "@langchain/openai";

export function createChatModel(settings, baseURL) {
  return new ChatOpenAI({
    model: settings.llmModel,
    apiKey: settings.llmApiKey,
    configuration: { baseURL },
    useResponsesApi: false,
    streaming: false, // as python-langgraph (ainvoke, no streaming callbacks): one JSON reply per call
    temperature: 0,
    // @langchain/core's AsyncCaller retries; the OpenAI SDK client is built with maxRetries 0 (base.ts).
    maxRetries: settings.llmMaxAttempts - 1,
    timeout: settings.llmTimeoutSeconds * 1000,
  });
}

/** Parallel tool calls allowed explicitly (sent as parallel_tool_calls: true, the provider's default). */
export const bindContractTools = (model, tools) => model.bindTools(tools, { parallel_tool_calls: true });
