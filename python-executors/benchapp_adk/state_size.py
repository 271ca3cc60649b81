"""Bytes an ADK turn writes to google-adk-community's RedisSessionService.

That service writes the whole session, serialised by its module function `_session_serializer`, with one SET
per create_session and per append_event (sessions/redis_session_service.py at v0.5.0). Counting the bytes
that function returns gives the turn's writes exactly, with no second serialisation and no extra Redis call;
the last one is the session's stored size."""
from __future__ import annotations

import contextvars
import functools
from typing import Any, Optional

from benchapp_common.accounting import StateBytes


class _Tally:
    def __init__(self) -> None:
        self.written = 0
        self.last: Optional[int] = None

    def add(self, size: int) -> None:
        self.written += size
        self.last = size


_MARK = "_benchapp_counts_bytes"
_CURRENT: contextvars.ContextVar[Optional[_Tally]] = contextvars.ContextVar("benchapp_adk_writes", default=None)


class SessionWrites:
    """Wraps a serializer function so each call's output size is added to the current turn's tally."""

    def __init__(self, module: Any, name: str) -> None:
        original = getattr(module, name)
        original = getattr(original, "__wrapped__", original) if getattr(original, _MARK, False) else original

        @functools.wraps(original)
        def counted(*args: Any, **kwargs: Any) -> Any:
            data = original(*args, **kwargs)
            tally = _CURRENT.get()
            if tally is not None and isinstance(data, (bytes, bytearray, str)):
                tally.add(len(data.encode("utf-8")) if isinstance(data, str) else len(data))
            return data

        setattr(counted, _MARK, True)
        setattr(module, name, counted)  # wrapping again (a second start) replaces, never stacks

    @classmethod
    def watch_redis_service(cls) -> Optional["SessionWrites"]:
        """None when the installed google-adk-community serialises differently (then the sizes stay null)."""
        from google.adk_community.sessions import redis_session_service

        if not callable(getattr(redis_session_service, "_session_serializer", None)):
            return None
        return cls(redis_session_service, "_session_serializer")

    def begin(self) -> contextvars.Token:
        return _CURRENT.set(_Tally())

    def result(self) -> StateBytes:
        tally = _CURRENT.get()
        if tally is None or tally.last is None:
            return StateBytes()
        return StateBytes(turn=tally.written, session=tally.last)

    def end(self, token: contextvars.Token) -> None:
        _CURRENT.reset(token)
