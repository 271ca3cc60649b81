"""Health probes: each dependency answers "ok" or says what is wrong, within a short timeout."""
from __future__ import annotations

import asyncio
from typing import Awaitable, Dict, List

import httpx

from .errors import classify_dependency_exception
from .faults import redis_client_options


async def probe(check: Awaitable[object], timeout: float = 2.0) -> str:
    """ "ok", or what is wrong: a dependency fault in the words of its 503 detail, else the exception."""
    try:
        await asyncio.wait_for(check, timeout=timeout)
        return "ok"
    except asyncio.TimeoutError:
        return f"no answer within {timeout:g} s"
    except Exception as e:
        mapped = classify_dependency_exception(e, timeout)
        if mapped is not None:
            return str(mapped)
        return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def failing(checks: Dict[str, str]) -> List[str]:
    """The names of the checks that are not "ok", for /health's `failing`."""
    return [name for name, result in checks.items() if result != "ok"]


async def llm_reachable(base_url: str, api_key: str, timeout: float = 2.0) -> None:
    """GET {base}/models answers 2xx (for executors whose LLM client is a framework's)."""
    async with httpx.AsyncClient(timeout=timeout) as client:
        response = await client.get(base_url.rstrip("/") + "/models", headers={"Authorization": f"Bearer {api_key}"})
        response.raise_for_status()


async def redis_reachable(redis_url: str, timeout: float = 2.0) -> None:
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url, **redis_client_options(timeout))
    try:
        await client.ping()
    finally:
        await close_redis(client)


async def close_redis(client) -> None:
    """aclose() where redis-py has it (5.0.1+), close() on older releases (Debian's 4.3)."""
    close = getattr(client, "aclose", None) or client.close
    await close()
