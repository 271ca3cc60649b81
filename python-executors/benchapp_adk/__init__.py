"""python-adk: an LlmAgent with LiteLlm pointed at the mock LLM, a Runner and an ADK session service."""
