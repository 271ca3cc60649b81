"""python-langgraph's own settings and measurements (no LangGraph needed)."""
import asyncio
import sqlite3

import pytest

from benchapp_common.config import ConfigError
from benchapp_langgraph import options

# The two tables of langgraph-checkpoint-sqlite 3.1 (checkpoint/sqlite/aio.py setup()), for the size query.
SCHEMA = """
CREATE TABLE checkpoints (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
  parent_checkpoint_id TEXT, type TEXT, checkpoint BLOB, metadata BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id));
CREATE TABLE writes (thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
  task_id TEXT NOT NULL, idx INTEGER NOT NULL, channel TEXT NOT NULL, type TEXT, value BLOB,
  PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx));
"""


def test_durability_default_exit_and_validated():
    assert options.durability({}) == "exit"
    assert options.durability({"LANGGRAPH_DURABILITY": "Async"}) == "async"
    with pytest.raises(ConfigError, match="LANGGRAPH_DURABILITY='always' must be one of: exit, async, sync"):
        options.durability({"LANGGRAPH_DURABILITY": "always"})


def test_info_records_durability_and_recursion_limit():
    info = options.info("sync", 3, "sqlite")
    assert info["durability"] == "sync" and info["recursion_limit"] == "2 * max_iterations + 5"
    assert options.recursion_limit(10) == 25  # LangGraph's own default is 25 super-steps


class _AsyncConn:
    """aiosqlite's execute() shape over the standard library's sqlite3 (aiosqlite is not on this machine)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, params):
        conn = self._conn

        class _Cursor:
            async def __aenter__(self):
                self._cursor = conn.execute(sql, params)
                return self

            async def __aexit__(self, *exc):
                self._cursor.close()

            async def fetchone(self):
                return self._cursor.fetchone()

        return _Cursor()


def test_thread_bytes_count_blobs_and_text_in_bytes():
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    db.execute("INSERT INTO checkpoints VALUES ('t1', '', 'c1', NULL, 'msgpack', ?, ?)", (b"\x00" * 100, "é" * 10))
    db.execute("INSERT INTO writes VALUES ('t1', '', 'c1', 'task', 0, 'messages', 'msgpack', ?)", (b"w" * 7,))
    db.execute("INSERT INTO checkpoints VALUES ('t2', '', 'c1', NULL, 'msgpack', ?, ?)", (b"x" * 999, "{}"))
    conn = _AsyncConn(db)
    assert asyncio.run(options.sqlite_thread_bytes(conn, "t1")) == (100 + 20 + 7, 1)  # é is 2 bytes in UTF-8
    assert asyncio.run(options.sqlite_thread_bytes(conn, "none")) == (0, 0)


def test_state_bytes_from_sizes():
    assert options.state_bytes_from_sizes(0, 500) == (500, 500)
    assert options.state_bytes_from_sizes(500, 1300) == (800, 1300)
    assert options.state_bytes_from_sizes(None, None) == (None, None)
