"""Shared fixtures: a throwaway redis-server, the real mock LLM, and python-baseline started on them.

Everything is started once per session and only when a test asks for it; the unit tests need none of it.
When the mock LLM build is missing, the tests that need it are skipped with the reason (never passed)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Iterator, Optional

import httpx
import pytest

from tests.support import processes


@dataclass
class Stack:
    redis_url: str
    mock_url: str  # base URL of the mock LLM (its OpenAI API is mock_url + "/v1")


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    try:
        child, url = processes.start_redis()
    except FileNotFoundError as e:
        pytest.skip(str(e))
    yield url
    child.stop()


@pytest.fixture(scope="session")
def mock_llm_url() -> Iterator[str]:
    reason = processes.mock_llm_missing_reason()
    if reason:
        pytest.skip(reason)
    child, url = processes.start_mock_llm()
    yield url
    if child is not None:
        child.stop()


@pytest.fixture(scope="session")
def stack(redis_url: str, mock_llm_url: str) -> Stack:
    return Stack(redis_url, mock_llm_url)


# Short LLM timeouts so the conformance suite can check 504 without waiting two minutes.
BASELINE_TEST_ENV = {"LLM_TIMEOUT_SECONDS": "1", "LLM_RETRY_AFTER_CAP_SECONDS": "0.2", "RUN_TIMEOUT_SECONDS": "20"}


@pytest.fixture(scope="session")
def baseline_url(stack: Stack) -> Iterator[str]:
    env = processes.executor_env("benchapp_baseline", stack.mock_url, stack.redis_url, BASELINE_TEST_ENV)
    child, url = processes.start_executor("benchapp_baseline", env, python=sys.executable)
    yield url
    child.stop()


class MockAdmin:
    """The mock LLM's admin API (docs: shared brief, BenchApp.Contracts/MockLlm)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=10)

    def fail_next(self, count: int, kind: str) -> None:
        r = self.http.post("/admin/faults/fail-next", json={"count": count, "kind": kind})
        assert r.status_code < 300, r.text

    def run(self, run_id: str) -> Optional[dict]:
        r = self.http.get(f"/admin/runs/{run_id}")
        return r.json() if r.status_code == 200 else None

    def config(self) -> dict:
        return self.http.get("/admin/config").json()

    def put_config(self, config: dict) -> None:
        r = self.http.put("/admin/config", json=config)
        assert r.status_code < 300, r.text


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")
