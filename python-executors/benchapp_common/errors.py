"""Failures an executor reports, and how a framework's exception maps to them.

The frameworks raise their own exception types (openai, litellm, httpx); classify_llm_exception looks
at the exception chain by duck typing, so this module imports none of them.
"""
from __future__ import annotations

import re
from typing import Optional


class SessionNotFound(Exception):
    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.session_id = session_id


class LlmUnavailable(Exception):
    """The LLM failed after retries (5xx, 429, connection refused, malformed reply): 502."""


class LlmTimeout(Exception):
    """The LLM did not answer in time after retries: 504."""


class DependencyUnavailable(Exception):
    """The state store or engine is down, frozen or refusing: 503 dependency-unavailable. The message names
    the dependency ("redis did not answer within 2 s."); `dependency` is the problem's member of that name."""

    def __init__(self, dependency: str, detail: str) -> None:
        super().__init__(detail)
        self.dependency = dependency


def classify_dependency_exception(exc: BaseException, timeout_seconds: Optional[float] = None) -> Optional[DependencyUnavailable]:
    """DependencyUnavailable for a Redis client fault anywhere in the exception chain (redis-py's ConnectionError
    and TimeoutError, also when a framework wraps them), else None. Duck typed: redis is not imported here."""
    chain = list(_chain(exc))
    refused = any(isinstance(e, ConnectionRefusedError) for e in chain)
    for e in chain:
        if isinstance(e, DependencyUnavailable):
            return e
        module = type(e).__module__ or ""
        if not (module == "redis" or module.startswith("redis.")):
            continue
        names = {t.__name__ for t in type(e).__mro__}
        if "TimeoutError" in names:
            within = f" within {timeout_seconds:g} s" if timeout_seconds else " in time"
            return DependencyUnavailable("redis", f"redis did not answer{within}.")
        if "ConnectionError" in names:
            text = str(e)
            # redis-py 4.3 words a refusal "Error 111 connecting to host:port. 111." and may drop the cause.
            if refused or "refused" in text.lower() or re.search(r"\bError 111 ", text):
                return DependencyUnavailable("redis", "redis refused the connection.")
            return DependencyUnavailable("redis", f"redis is unreachable ({text or type(e).__name__}).")
    return None


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
