"""python-crewai: a CrewAI Agent with crewai's LLM pointed at the mock LLM (native tool calling), the
conversation kept in Redis and passed in as messages."""
