// The contract tools (contracts/tools.json) as ADK FunctionTools. The JSON schema goes in as `parameters`
// unchanged: @google/adk 2.0.0 `tools/function_tool.js` toSchema passes a non-zod object through, and
// @google/genai's tTool/processJsonSchema turns it into Gemini's schema (types upper-cased, additionalProperties
// dropped). validateArgs only parses zod schemas, so the arguments reach the shared tool code as the model sent
// them and bad ones give the contract's `error: ...` text. A string result is sent as {result: text}
// (agents/functions.js).
import { FunctionTool } from "@google/adk";
import { currentAccounting, tools } from "@benchapp/executor-common";

export function adkTools() {
  return tools.definitions().map(
    (definition) =>
      new FunctionTool({
        name: definition.name,
        description: definition.description,
        parameters: definition.parameters,
        execute: async (args, toolContext) => {
          const acct = currentAccounting();
          acct?.toolStarted();
          try {
            return (await tools.executeArgs(definition.name, args, toolContext?.abortSignal)).output;
          } finally {
            acct?.toolFinished();
          }
        },
      }),
  );
}
