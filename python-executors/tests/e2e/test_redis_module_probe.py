"""python-langgraph's check for RedisJSON/RediSearch, against a real redis-server (Redis 7, no modules)."""
import asyncio
import logging

from benchapp_langgraph.options import redis_has_json_and_search


def test_plain_redis_has_no_json_or_search_and_says_so_without_an_error(redis_url, caplog):
    with caplog.at_level(logging.WARNING, logger="benchapp.langgraph"):
        assert asyncio.run(redis_has_json_and_search(redis_url)) is False
    assert not caplog.records  # "unknown command" is the answer, not a failure


def test_unreachable_redis_is_reported_and_falls_back(caplog):
    with caplog.at_level(logging.WARNING, logger="benchapp.langgraph"):
        assert asyncio.run(redis_has_json_and_search("redis://127.0.0.1:1/0", timeout=1)) is False
    assert "Could not ask Redis for its modules" in caplog.text
