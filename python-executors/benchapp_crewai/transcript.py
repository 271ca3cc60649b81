"""How the stored conversation is handed to crewai's Agent.kickoff(messages), which joins all messages into
one prompt: earlier turns as a quoted transcript, then the new message verbatim, so that the new message's
`#bench` line is the only line of the prompt that starts with `#bench`."""
from __future__ import annotations

from typing import Any, Dict, List


def kickoff_messages(history: List[Dict[str, Any]], message: str) -> List[Dict[str, str]]:
    if not history:
        return [{"role": "user", "content": message}]
    lines = ["Conversation so far:"]
    for m in history:
        for line in str(m.get("content") or "").split("\n"):
            lines.append(f"| {m.get('role')}: {line}")
    return [{"role": "user", "content": "\n".join(lines)}, {"role": "user", "content": message}]
