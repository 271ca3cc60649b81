"""Conversation history per session: the protocol, and the Redis store (one key per session, a JSON list of
OpenAI-format messages, written once per turn with a TTL)."""
from __future__ import annotations

import json
import uuid
from typing import Any, Dict, List, Optional, Protocol, Tuple

from .accounting import RunAccounting
from .errors import SessionNotFound
from .faults import bounded, redis_client_options

Message = Dict[str, Any]


class HistoryStore(Protocol):
    async def load(self, session_id: str) -> Optional[List[Message]]:
        """The session's messages, or None when the session does not exist."""

    async def save(self, session_id: str, messages: List[Message]) -> int:
        """Writes the whole history; returns the bytes written (the stored value's size)."""

    async def ping(self) -> None: ...

    async def aclose(self) -> None: ...


async def open_session(store: "HistoryStore", session_id: Optional[str], acct: RunAccounting) -> Tuple[str, List[Message]]:
    """The turn's session and its history so far: a new session (a fresh id, no history, no read), or the named
    one loaded from the store, timed as state; SessionNotFound (404) when it does not exist."""
    if session_id is None:
        return uuid.uuid4().hex, []
    with acct.state():
        history = await store.load(session_id)
    if history is None:
        raise SessionNotFound(session_id)
    return session_id, history


class RedisHistoryStore:
    """Every call is bounded by `timeout_seconds` (STATE_STORE_TIMEOUT_SECONDS): connecting, each reply, and the
    whole call; a frozen, killed or refusing Redis gives DependencyUnavailable (503) naming redis."""

    def __init__(self, redis_url: str, key_prefix: str, ttl_seconds: int, timeout_seconds: float = 2.0) -> None:
        import redis.asyncio as aioredis  # imported here: the tools and validation need no Redis

        self._redis = aioredis.Redis.from_url(redis_url, max_connections=1000, **redis_client_options(timeout_seconds))
        self._prefix = key_prefix
        self._ttl = ttl_seconds
        self.timeout_seconds = timeout_seconds

    def key(self, session_id: str) -> str:
        return f"{self._prefix}{session_id}"

    async def load(self, session_id: str) -> Optional[List[Message]]:
        raw = await bounded(self._redis.get(self.key(session_id)), self.timeout_seconds)
        return None if raw is None else json.loads(raw)

    async def save(self, session_id: str, messages: List[Message]) -> int:
        value = json.dumps(messages, ensure_ascii=False).encode("utf-8")
        await bounded(self._redis.set(self.key(session_id), value, ex=self._ttl), self.timeout_seconds)
        return len(value)

    async def ping(self) -> None:
        await bounded(self._redis.ping(), self.timeout_seconds)

    async def aclose(self) -> None:
        close = getattr(self._redis, "aclose", None) or self._redis.close  # aclose() since redis-py 5.0.1
        await close()


class MemoryHistoryStore:
    """For unit tests of a loop."""

    def __init__(self) -> None:
        self.sessions: Dict[str, List[Message]] = {}
        self.saves = 0

    async def load(self, session_id: str) -> Optional[List[Message]]:
        stored = self.sessions.get(session_id)
        return None if stored is None else json.loads(json.dumps(stored))

    async def save(self, session_id: str, messages: List[Message]) -> int:
        self.saves += 1
        value = json.dumps(messages, ensure_ascii=False)
        self.sessions[session_id] = json.loads(value)
        return len(value.encode("utf-8"))

    async def ping(self) -> None:
        return None

    async def aclose(self) -> None:
        return None
