"""Failures an executor reports, and how a framework's exception maps to them.

The frameworks raise their own exception types (openai, litellm, httpx); classify_llm_exception looks
at the exception chain by duck typing, so this module imports none of them.
"""
from __future__ import annotations

from typing import Optional


class SessionNotFound(Exception):
    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.session_id = session_id


class LlmUnavailable(Exception):
    """The LLM failed after retries (5xx, 429, connection refused, malformed reply): 502."""


class LlmTimeout(Exception):
    """The LLM did not answer in time after retries: 504."""


_TIMEOUT_NAMES = ("Timeout", "TimeoutError", "ReadTimeout", "ConnectTimeout", "APITimeoutError", "PoolTimeout")
_LLM_MODULES = ("openai", "litellm", "httpx", "httpcore", "langchain_openai", "google.genai", "crewai.llm",
                "crewai.llms", "aiohttp")


def classify_llm_exception(exc: BaseException) -> Optional[Exception]:
    """LlmUnavailable / LlmTimeout for an exception raised by an LLM client (possibly wrapped by a
    framework), else None (a bug, reported as 500)."""
    for e in _chain(exc):
        if isinstance(e, (LlmUnavailable, LlmTimeout)):
            return e
        name = type(e).__name__
        module = type(e).__module__ or ""
        from_llm_client = module.startswith(_LLM_MODULES)
        if from_llm_client and any(n in name for n in _TIMEOUT_NAMES):
            return LlmTimeout(f"The LLM timed out ({name}).")
        status = getattr(e, "status_code", None)
        if status is None:
            response = getattr(e, "response", None)
            status = getattr(response, "status_code", None)
        if from_llm_client and isinstance(status, int):
            return LlmUnavailable(f"HTTP {status} from the LLM ({name}).")
        if from_llm_client and ("Connection" in name or "APIError" in name or "ServiceUnavailable" in name):
            return LlmUnavailable(f"The LLM could not be reached ({name}).")
    return None


def _chain(exc: BaseException):
    seen = set()
    stack = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        stack.append(e.__cause__)
        stack.append(e.__context__)
        for inner in getattr(e, "exceptions", ()) or ():  # ExceptionGroup
            stack.append(inner)
