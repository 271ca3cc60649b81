"""Bounded calls to a dependency: every state-store call ends within its timeout, and its faults become
DependencyUnavailable (503 dependency-unavailable naming the dependency), never a 500 or a hang."""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Dict, TypeVar

from .errors import DependencyUnavailable, classify_dependency_exception

T = TypeVar("T")

REDIS = "redis"


def redis_client_options(timeout_seconds: float) -> Dict[str, Any]:
    """redis-py client options that bound connecting and every reply by the state-store timeout; for any
    Redis client an executor or adapter creates (redis.asyncio.Redis.from_url(url, **options))."""
    return {"socket_timeout": timeout_seconds, "socket_connect_timeout": timeout_seconds}


async def bounded(call: Awaitable[T], timeout_seconds: float, dependency: str = REDIS) -> T:
    """The call's result; DependencyUnavailable when it takes longer than the bound or the client reports a
    connection fault. redis-py drops a connection whose command was cancelled, so no stale reply follows."""
    try:
        return await asyncio.wait_for(call, timeout=timeout_seconds)
    except asyncio.TimeoutError:
        raise DependencyUnavailable(dependency, f"{dependency} did not answer within {timeout_seconds:g} s.") from None
    except DependencyUnavailable:
        raise
    except Exception as e:
        mapped = classify_dependency_exception(e, timeout_seconds)
        if mapped is None:
            raise
        raise mapped from e
