"""python-langgraph: the agent as LangGraph builds it (StateGraph + ToolNode + tools_condition), ChatOpenAI
against the mock LLM, the framework's checkpointer keyed by session (thread_id)."""
