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
 * LangGraph counts super-steps, not LLM calls. In pregel/loop.js (@langchain/langgraph 1.7.3) the loop sets
 * stop = step + recursionLimit + 1 from the loaded checkpoint's step, the input takes one step, the START node
 * ("__start__") runs as the first super-step, and after each super-step's writes are applied
 * `if (this.step > this.stop)` ends the run as "out_of_steps" (GraphRecursionError in pregel/index.js _runLoop)
 * before looking for further tasks. So with recursionLimit L the START step and L more run, and a graph that
 * needs exactly L node steps still raises. A turn of max_iterations M is M model steps, each followed by its
 * tool step: 2M node steps. With L = 2M the M-th model call can answer (2M - 1 steps, completed), or its tool
 * calls run and the (M+1)-th model call is refused: stop_reason max_iterations, the exit checkpoint written.
 */
export const recursionLimitFor = (maxIterations) => 2 * maxIterations;
