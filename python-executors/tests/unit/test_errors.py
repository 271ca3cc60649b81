import asyncio

import pytest
import redis.exceptions

from benchapp_common.errors import (DependencyUnavailable, LlmTimeout, LlmUnavailable, classify_dependency_exception,
                                    classify_llm_exception)
from benchapp_common.faults import bounded


def fake_exception(module: str, name: str, **attrs):
    cls = type(name, (Exception,), {"__module__": module})
    e = cls("boom")
    for k, v in attrs.items():
        setattr(e, k, v)
    return e


def test_openai_status_errors_are_unavailable():
    assert isinstance(classify_llm_exception(fake_exception("openai", "InternalServerError", status_code=500)),
                      LlmUnavailable)
    assert isinstance(classify_llm_exception(fake_exception("openai", "RateLimitError", status_code=429)),
                      LlmUnavailable)


def test_timeouts_from_clients():
    assert isinstance(classify_llm_exception(fake_exception("openai", "APITimeoutError")), LlmTimeout)
    assert isinstance(classify_llm_exception(fake_exception("litellm.exceptions", "Timeout")), LlmTimeout)


def test_wrapped_by_a_framework():
    inner = fake_exception("litellm.exceptions", "ServiceUnavailableError", status_code=503)
    outer = RuntimeError("agent failed")
    outer.__cause__ = inner
    assert "503" in str(classify_llm_exception(outer))


def test_bugs_are_not_llm_failures():
    assert classify_llm_exception(KeyError("x")) is None
    assert classify_llm_exception(fake_exception("mymodule", "Timeout")) is None


def test_redis_faults_are_a_dependency_named_redis():
    frozen = classify_dependency_exception(redis.exceptions.TimeoutError("Timeout reading from x"), 2.0)
    assert (frozen.dependency, str(frozen)) == ("redis", "redis did not answer within 2 s.")
    refused = classify_dependency_exception(redis.exceptions.ConnectionError("Error 111 connecting to h:1. 111."))
    assert str(refused) == "redis refused the connection."
    reset = classify_dependency_exception(redis.exceptions.ConnectionError("Connection reset by peer"))
    assert str(reset) == "redis is unreachable (Connection reset by peer)."
    wrapped = RuntimeError("graph failed")
    wrapped.__cause__ = redis.exceptions.BusyLoadingError("Redis is loading the dataset in memory")
    assert classify_dependency_exception(wrapped).dependency == "redis"


def test_other_errors_are_no_dependency_fault():
    assert classify_dependency_exception(ValueError("bad")) is None
    assert classify_dependency_exception(redis.exceptions.ResponseError("WRONGTYPE")) is None
    assert classify_dependency_exception(fake_exception("openai", "APIConnectionError")) is None


async def test_bounded_ends_a_hanging_call_at_its_bound():
    with pytest.raises(DependencyUnavailable) as caught:
        await bounded(asyncio.sleep(30), 0.05)
    assert str(caught.value) == "redis did not answer within 0.05 s."
    assert await bounded(asyncio.sleep(0, result=7), 1) == 7
