"""python-langgraph's own settings and the measurements it adds, without importing LangGraph (so the unit
tests can run them)."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, Mapping, Optional, Tuple

from benchapp_common.config import choice

DURABILITY_MODES = ("exit", "async", "sync")
log = logging.getLogger("benchapp.langgraph")


def durability(env: Mapping[str, str]) -> str:
    """LANGGRAPH_DURABILITY: when LangGraph writes checkpoints (pregel `durability`).
    `exit` (ours by default): once, when the turn ends: the contract's "persisted once per turn";
    `async` (LangGraph's default): after every super-step, written while the next step runs;
    `sync`: after every super-step, before the next one starts."""
    return choice(env, "LANGGRAPH_DURABILITY", DURABILITY_MODES, "exit")


def recursion_limit(max_iterations: int) -> int:
    """Super-steps a turn may take: each LLM call and each tool step is one; room for both, plus a margin.
    The turn itself stops at max_iterations LLM calls (build_graph's after_tools), never at this limit."""
    return 2 * max_iterations + 5


def info(durability_mode: str, llm_max_attempts: int, state_store: str) -> Dict[str, Any]:
    return {"durability": durability_mode, "recursion_limit": "2 * max_iterations + 5",
            "llm_retries": "openai SDK max_retries", "llm_attempts": llm_max_attempts,
            "parallel_tool_calls": "ToolNode runs every call of a reply concurrently",
            "checkpointer": state_store, "stream": False, "temperature": 0}


# Bytes of one thread's rows in langgraph-checkpoint-sqlite's tables (checkpoint and metadata blobs, pending
# writes); CAST so that TEXT stored by json.dumps counts in bytes, not characters.
SQLITE_THREAD_BYTES = """
SELECT
  (SELECT COALESCE(SUM(LENGTH(CAST(checkpoint AS BLOB)) + LENGTH(CAST(metadata AS BLOB))), 0)
     FROM checkpoints WHERE thread_id = ?1)
  + (SELECT COALESCE(SUM(LENGTH(CAST(value AS BLOB))), 0) FROM writes WHERE thread_id = ?1),
  (SELECT COUNT(*) FROM checkpoints WHERE thread_id = ?1)
"""


async def sqlite_thread_bytes(conn: Any, thread_id: str) -> Tuple[int, int]:
    """(stored bytes, checkpoints) of a thread, on the saver's aiosqlite connection."""
    async with conn.execute(SQLITE_THREAD_BYTES, (thread_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0] or 0), int(row[1] or 0)


async def redis_has_json_and_search(redis_url: str, timeout: float = 5.0) -> bool:
    """AsyncRedisSaver needs the JSON.* and FT.* commands (Redis 8, or Redis Stack's modules). Asked with
    commands that cannot fail when the modules are there: FT._LIST, and JSON.TYPE of a key that does not
    exist (nil). A server without them answers "unknown command": the module is absent."""
    import redis.asyncio as aioredis
    from redis.exceptions import ResponseError

    from benchapp_common.health import close_redis

    client = aioredis.Redis.from_url(redis_url)
    try:
        for command in (("FT._LIST",), ("JSON.TYPE", "benchapp:probe:no-such-key")):
            try:
                await asyncio.wait_for(client.execute_command(*command), timeout)
            except ResponseError as e:
                if "unknown command" in str(e).lower():
                    return False
                raise
        return True
    except Exception as e:  # unreachable Redis: fall back and let /health say so
        log.warning("Could not ask Redis for its modules (%s: %s); using SQLite checkpoints", type(e).__name__, e)
        return False
    finally:
        await close_redis(client)


def state_bytes_from_sizes(before: Optional[int], after: Optional[int]) -> Tuple[Optional[int], Optional[int]]:
    """(turn, session): the thread's rows grow by what the turn wrote (each checkpoint and write is a new row:
    new checkpoint ids every super-step)."""
    if after is None:
        return None, None
    return (after - (before or 0)), after
