"""A small OpenAI-compatible chat-completions client with the contract's retry rules.

3 attempts (configurable) with backoff on 429 (Retry-After honoured up to a cap), 5xx, connection errors
and timeouts; no retry on other 4xx. After the last attempt: LlmTimeout when it timed out, else
LlmUnavailable. Retried attempts are not counted as LLM calls.
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Dict, List, Optional

import httpx

from .errors import LlmTimeout, LlmUnavailable

log = logging.getLogger("benchapp.llm")


@dataclass(frozen=True)
class ChatReply:
    message: Dict[str, Any]  # the assistant message: role, content, tool_calls
    input_tokens: int
    output_tokens: int
    mock_wait_ms: Optional[float]

    @property
    def tool_calls(self) -> List[Dict[str, Any]]:
        return self.message.get("tool_calls") or []

    @property
    def text(self) -> str:
        content = self.message.get("content")
        return content if isinstance(content, str) else ""


class ChatClient:
    def __init__(self, base_url: str, api_key: str, model: str, *, timeout_seconds: float = 60.0,
                 max_attempts: int = 3, retry_after_cap_seconds: float = 5.0, backoff_seconds: float = 0.2,
                 transport: Optional[httpx.AsyncBaseTransport] = None) -> None:
        self.model = model
        self._max_attempts = max_attempts
        self._retry_after_cap = retry_after_cap_seconds
        self._backoff = backoff_seconds
        self._timeout = timeout_seconds
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, 10.0)),
            limits=httpx.Limits(max_connections=1000, max_keepalive_connections=200),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def ping(self) -> None:
        """GET /models: the LLM endpoint answers (health)."""
        response = await self._client.get("models", timeout=2.0)
        response.raise_for_status()

    async def complete(self, messages: List[Dict[str, Any]], tools: Optional[List[Dict[str, Any]]] = None) -> ChatReply:
        payload: Dict[str, Any] = {"model": self.model, "messages": messages}
        if tools:
            payload["tools"] = tools
        last_error = "no attempt"
        timed_out = False
        for attempt in range(1, self._max_attempts + 1):
            delay = self._backoff * (2 ** (attempt - 1))
            try:
                response = await self._client.post("chat/completions", json=payload)
            except httpx.TimeoutException as e:
                timed_out, last_error = True, f"no reply within {self._timeout:g} s ({type(e).__name__})"
            except httpx.TransportError as e:
                timed_out, last_error = False, f"{type(e).__name__}: {e}"
            else:
                if response.status_code == 200:
                    return _parse_reply(response)
                timed_out = False
                last_error = f"HTTP {response.status_code}"
                if response.status_code == 429:
                    delay = self._retry_after(response, delay)
                elif response.status_code < 500 and response.status_code != 408:
                    raise LlmUnavailable(f"HTTP {response.status_code} from the LLM (not retried): {_snippet(response)}")
            if attempt < self._max_attempts:
                log.info("LLM attempt %d/%d failed (%s); retrying in %.2f s", attempt, self._max_attempts, last_error, delay)
                await asyncio.sleep(delay)
        if timed_out:
            raise LlmTimeout(f"The LLM gave no reply after {self._max_attempts} attempts: {last_error}.")
        raise LlmUnavailable(f"{last_error} from the LLM after {self._max_attempts} attempts.")

    def _retry_after(self, response: httpx.Response, fallback: float) -> float:
        raw = response.headers.get("retry-after")
        if not raw:
            return fallback
        try:
            seconds = float(raw)
        except ValueError:
            try:
                from datetime import datetime, timezone
                seconds = (parsedate_to_datetime(raw) - datetime.now(timezone.utc)).total_seconds()
            except (TypeError, ValueError):
                return fallback
        return max(0.0, min(seconds, self._retry_after_cap))


def _parse_reply(response: httpx.Response) -> ChatReply:
    try:
        body = response.json()
        message = body["choices"][0]["message"]
        if not isinstance(message, dict):
            raise TypeError("message is not an object")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        raise LlmUnavailable(f"Malformed reply from the LLM ({type(e).__name__}: {e}).") from None
    usage = body.get("usage") or {}
    wait = response.headers.get("x-mock-wait-ms")
    clean: Dict[str, Any] = {"role": "assistant", "content": message.get("content")}
    if message.get("tool_calls"):
        clean["tool_calls"] = message["tool_calls"]
    return ChatReply(
        message=clean,
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
        mock_wait_ms=float(wait) if wait else None,
    )


def _snippet(response: httpx.Response) -> str:
    try:
        return json.dumps(response.json())[:300]
    except ValueError:
        return response.text[:300]
