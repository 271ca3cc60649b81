"""An in-process OpenAI-compatible LLM for unit tests (httpx.MockTransport): it follows the `#bench`
directive the way the mock LLM does (newest user message, tool results after it), and can be told to fail."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import httpx


@dataclass
class FakeLlm:
    fail_next: List[int] = field(default_factory=list)  # status codes (or 0 = timeout) for the next requests
    retry_after: Optional[str] = None
    malformed_next: int = 0
    requests: List[Dict[str, Any]] = field(default_factory=list)
    _ids: int = 0

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json={"object": "list", "data": [{"id": "bench-model"}]})
        body = json.loads(request.content)
        self.requests.append(body)
        if self.fail_next:
            status = self.fail_next.pop(0)
            if status == 0:
                raise httpx.ReadTimeout("fake timeout", request=request)
            headers = {"retry-after": self.retry_after} if (status == 429 and self.retry_after) else {}
            return httpx.Response(status, json={"error": {"message": "fake failure"}}, headers=headers)
        if self.malformed_next:
            self.malformed_next -= 1
            return httpx.Response(200, content=b"{not json")
        return httpx.Response(200, json=self.reply(body), headers={"x-mock-wait-ms": "0"})

    def reply(self, body: Dict[str, Any]) -> Dict[str, Any]:
        messages = body["messages"]
        last_user = max(i for i, m in enumerate(messages) if m["role"] == "user")
        directive = _directive(messages[last_user]["content"])
        done = sum(1 for m in messages[last_user + 1:] if m["role"] == "tool")
        tool_calls, reply_tokens, parallel = directive
        usage = {"prompt_tokens": 10 * len(messages), "completion_tokens": 0}
        if done < tool_calls:
            n = min(parallel, tool_calls - done)
            calls = []
            for _ in range(n):
                self._ids += 1
                calls.append({"id": f"call_{self._ids}", "type": "function",
                              "function": {"name": "get_weather", "arguments": json.dumps({"city": "Paris"})}})
            usage["completion_tokens"] = 5 * n
            message = {"role": "assistant", "content": None, "tool_calls": calls}
            finish = "tool_calls"
        else:
            words = " ".join(["alpha"] * reply_tokens)
            usage["completion_tokens"] = reply_tokens
            message = {"role": "assistant", "content": words}
            finish = "stop"
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return {"id": "chatcmpl-fake", "object": "chat.completion", "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": finish}], "usage": usage}


def _directive(content: str) -> tuple:
    values = {"tool_calls": 0, "reply_tokens": 16, "parallel": 1}
    for line in content.split("\n"):
        line = line.strip()
        if re.match(r"#bench(\s|$)", line):
            for token in line.split()[1:]:
                key, _, value = token.partition("=")
                if key in values:
                    values[key] = int(value)
            break
    return values["tool_calls"], values["reply_tokens"], values["parallel"]
