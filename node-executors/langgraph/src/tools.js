// The contract tools (contracts/tools.json) as LangChain tools: the JSON schema is passed as is, so the LLM sees
// exactly what every other executor offers, and the parsed arguments reach the shared tool code unchanged.
import { currentAccounting, tools } from "@benchapp/executor-common";
import { tool } from "@langchain/core/tools";

export function langchainTools() {
  return tools.definitions().map((definition) =>
    tool(
      async (args, runtime) => {
        const acct = currentAccounting();
        acct?.toolStarted();
        try {
          return (await tools.executeArgs(definition.name, args, runtime?.signal)).output;
        } finally {
          acct?.toolFinished();
        }
      },
      { name: definition.name, description: definition.description, schema: definition.parameters },
    ),
  );
}
