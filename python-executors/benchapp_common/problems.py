"""RFC 7807 problem details, the one error shape of the executor contract."""
from __future__ import annotations

from typing import Dict, List, Optional

CONTENT_TYPE = "application/problem+json"
_BASE = "https://benchapp.dev/problems/"


class Problem(Exception):
    """An error the client gets as application/problem+json; raising it anywhere ends the request."""

    def __init__(self, status: int, title: str, detail: Optional[str] = None, *, type: str = "about:blank",
                 errors: Optional[Dict[str, List[str]]] = None, extra: Optional[Dict[str, str]] = None) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.errors = errors
        self.extra = extra or {}

    def to_body(self) -> dict:
        body: dict = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail is not None:
            body["detail"] = self.detail
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def validation(errors: Dict[str, List[str]]) -> Problem:
    detail = " ".join(f"{field}: {message}" for field, messages in errors.items() for message in messages)
    return Problem(400, "One or more fields are invalid.", detail, type=_BASE + "validation", errors=errors)


def invalid_field(field: str, message: str) -> Problem:
    return validation({field: [message]})


def session_not_found(session_id: str) -> Problem:
    return Problem(404, "Session not found.", f"No session '{session_id}'.", type=_BASE + "session-not-found")


def unsupported_media_type(content_type: Optional[str]) -> Problem:
    got = f"'{content_type}'" if content_type else "none"
    return Problem(415, "Unsupported media type.", f"Content-Type must be application/json (got {got}).",
                   type=_BASE + "unsupported-media-type")


def llm_unavailable(detail: str) -> Problem:
    return Problem(502, "The LLM failed after retries.", detail, type=_BASE + "llm-unavailable")


def timeout(detail: str) -> Problem:
    return Problem(504, "The run timed out.", detail, type=_BASE + "timeout")


def dependency_unavailable(dependency: str, detail: str) -> Problem:
    """503: the state store or engine is down, frozen or refusing; `dependency` names it (redis, sqlite, ...)."""
    return Problem(503, "A dependency is unavailable.", detail, type=_BASE + "dependency-unavailable",
                   extra={"dependency": dependency})


def internal() -> Problem:
    return Problem(500, "Internal error.", "The run failed; see the executor's logs.")


def http_status(status: int, title: str) -> Problem:
    """Routing errors (unknown path, wrong method) in the same shape."""
    return Problem(status, title)
