// The agent as LangGraph.js users build it: StateGraph(MessagesAnnotation), a model node that calls the chat
// model with the tools bound, ToolNode for the tool calls of a reply, toolsCondition to route between them.
import { classifyLlmError, LlmUnavailable } from "@benchapp/executor-common";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode, toolsCondition } from "@langchain/langgraph/prebuilt";

export function buildGraph(modelWithTools, tools) {
  async function callModel(state, config) {
    try {
      return { messages: [await modelWithTools.invoke(state.messages, config)] };
    } catch (e) {
      if (config?.signal?.aborted) throw e; // the run's own timeout: answered as 504 by the server
      // Whatever the chat model throws after its retries is the LLM's failure: a status, a timeout, a refused
      // connection, or a reply it could not read (502).
      throw classifyLlmError(e) ?? new LlmUnavailable(`The LLM call failed (${e?.name ?? "Error"}: ${e?.message ?? e}).`, { cause: e });
    }
  }

  return new StateGraph(MessagesAnnotation)
    .addNode("model", callModel)
    .addNode("tools", new ToolNode(tools))
    .addEdge(START, "model")
    .addConditionalEdges("model", toolsCondition, ["tools", END])
    .addEdge("tools", "model");
}

/**
 * LangGraph counts super-steps, not LLM calls: each model call and each tool step is one. The loop
 * (pregel/loop.js, @langchain/langgraph 1.7.3) sets stop = step + recursionLimit + 1 and runs the tasks of a
 * step while step <= stop, where the first task step is the loaded step + 2 (the input takes one): so
 * recursionLimit + 1 super-steps run. max_iterations model calls, each followed by its tool step, take
 * 2 * max_iterations super-steps, hence 2 * max_iterations - 1; the model call after that is refused with
 * GraphRecursionError, which the executor reports as stop_reason max_iterations.
 */
export const recursionLimitFor = (maxIterations) => 2 * maxIterations - 1;
