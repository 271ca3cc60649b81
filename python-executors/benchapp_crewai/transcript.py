"""How the stored conversation is handed to crewAI's Agent.kickoff(messages).

kickoff() joins the messages' contents with newlines into one task text, and crewAI 1.15 puts that text
after its own template, on the same line: `"\\nCurrent Task: {input}"` (translations/en.json `native_task`,
placed by experimental/agent_executor.py `_format_prompt`). So the text always starts with a line break:
the user's message then begins on a line of its own, and its `#bench` line starts a line, which is what the
mock LLM (and any directive-reading tool) looks for. Earlier turns go in as a quoted transcript, so the new
message's `#bench` line is the only line of the prompt that starts with `#bench`; the message stays verbatim."""
from __future__ import annotations

from typing import Any, Dict, List


def kickoff_messages(history: List[Dict[str, Any]], message: str) -> List[Dict[str, str]]:
    if not history:
        return [{"role": "user", "content": "\n" + message}]
    lines = ["", "Conversation so far:"]
    for m in history:
        for line in str(m.get("content") or "").split("\n"):
            lines.append(f"| {m.get('role')}: {line}")
    return [{"role": "user", "content": "\n".join(lines)}, {"role": "user", "content": message}]


def task_text(messages: List[Dict[str, str]]) -> str:
    """What kickoff() makes of the messages (agent/core.py `_prepare_kickoff`: contents joined by newlines)."""
    return "\n".join(str(m.get("content", "")) for m in messages if m.get("content"))
