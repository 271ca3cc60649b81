"""Validation of POST /v1/runs by hand over the parsed JSON, field by field, with the contract's field
names and messages (the same as BenchApp.Contracts.Runs.RunRequestValidator), independent of pydantic."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional

from . import problems

MAX_BODY_BYTES = 131_072
MAX_MESSAGE_UTF8_BYTES = 65_536
MIN_ITERATIONS = 1
MAX_ITERATIONS = 50
DEFAULT_MAX_ITERATIONS = 10
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)

# .NET char.IsWhiteSpace: the separators (Zs, Zl, Zp) and U+0009-U+000D, U+0085. Python's str.isspace
# also takes U+001C-U+001F, which .NET counts as control characters, so it cannot be used here.
_DOTNET_EXTRA_WHITESPACE = frozenset("\t\n\v\f\r\x85")


@dataclass(frozen=True)
class RunRequest:
    message: str
    session_id: Optional[str]
    max_iterations: int


def is_json_content_type(content_type: Optional[str]) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def is_dotnet_whitespace(c: str) -> bool:
    return c in _DOTNET_EXTRA_WHITESPACE or unicodedata.category(c) in ("Zs", "Zl", "Zp")


def dotnet_trim(s: str) -> str:
    """string.Trim() of .NET (Python's str.strip also removes U+001C-U+001F)."""
    start, end = 0, len(s)
    while start < end and is_dotnet_whitespace(s[start]):
        start += 1
    while end > start and is_dotnet_whitespace(s[end - 1]):
        end -= 1
    return s[start:end]


def utf8_length(s: str) -> int:
    # A lone surrogate counts 3 bytes, like .NET's Encoding.UTF8.GetByteCount (it becomes U+FFFD).
    return len(s.encode("utf-8", "surrogatepass"))


def is_valid_session_id(value: str) -> bool:
    return _SESSION_ID.fullmatch(value) is not None


def message_error(message: object) -> Optional[str]:
    if message is None:
        return "Is required."
    if not isinstance(message, str):
        return "Must be a string."
    if all(is_dotnet_whitespace(c) for c in message):
        return "Must not be empty."
    if utf8_length(message) > MAX_MESSAGE_UTF8_BYTES:
        return f"Must be at most {MAX_MESSAGE_UTF8_BYTES} bytes of UTF-8."
    for c in message:
        if unicodedata.category(c) == "Cc" and c not in "\n\r\t":
            return f"Must not contain control characters (found U+{ord(c):04X})."
        if "\ud800" <= c <= "\udfff":  # json.loads joins valid pairs, so any surrogate left is unpaired
            return "Must be valid Unicode (unpaired surrogate)."
    return None


def parse_body(body: bytes) -> object:
    """Bytes -> JSON value, or a 400 naming the field `body`."""
    if len(body) > MAX_BODY_BYTES:
        raise problems.invalid_field("body", f"Must be at most {MAX_BODY_BYTES} bytes.")
    try:
        text = body.decode("utf-8")  # strict: json.loads(bytes) would guess UTF-16/32 instead
    except UnicodeDecodeError:
        raise problems.invalid_field("body", "Must be valid UTF-8.") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise problems.invalid_field("body", "Malformed JSON.") from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def validate(document: object) -> RunRequest:
    if not isinstance(document, dict):
        raise problems.invalid_field("body", "A JSON object is required.")
    errors: Dict[str, List[str]] = {}

    message = document.get("message")
    if (error := message_error(message)) is not None:
        errors["message"] = [error]

    session_id = document.get("session_id")
    if session_id is not None:
        if not isinstance(session_id, str):
            errors["session_id"] = ["Must be a string."]
        elif not is_valid_session_id(session_id):
            errors["session_id"] = ["Must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'."]

    max_iterations = document.get("max_iterations")
    if max_iterations is None:
        max_iterations = DEFAULT_MAX_ITERATIONS
    elif type(max_iterations) is not int:  # bool is an int in Python, not in JSON
        errors["max_iterations"] = ["Must be an integer."]
    elif not MIN_ITERATIONS <= max_iterations <= MAX_ITERATIONS:
        errors["max_iterations"] = [f"Must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}."]

    if errors:
        raise problems.validation(errors)
    return RunRequest(message=message, session_id=session_id, max_iterations=max_iterations)  # type: ignore[arg-type]
