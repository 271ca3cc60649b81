"""Shared fixtures: a throwaway redis-server, the real mock LLM, and python-baseline started on them.

Everything is started once per session and only when a test asks for it; the unit tests need none of it.
When the mock LLM build is missing, the tests that need it are skipped with the reason (never passed).
With BENCHAPP_REQUIRE_ALL=1 (run-tests.sh --require-all) every skip is reported as a failure instead."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Iterator, List, Optional

import httpx
import pytest

from tests.support import frameworks, processes


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


REQUIRE_ALL = "BENCHAPP_REQUIRE_ALL"


def pytest_report_header(config: pytest.Config) -> List[str]:
    from tests.adapters.test_frameworks import FRAMEWORKS
    chosen = ", ".join(frameworks.selected(list(FRAMEWORKS)))
    venv = frameworks.venv_executor()
    lines = [f"interpreter: {sys.executable}" + (f" (the {venv} venv)" if venv else ""),
             f"framework adapters selected: {chosen} (BENCHAPP_FRAMEWORKS, else the venv's own framework)"]
    if env_flag(REQUIRE_ALL):
        lines.append(f"{REQUIRE_ALL}=1: every skip is a failure")
    return lines

def _skip_reason(longrepr: object) -> str:
    # A skip's longrepr is (file, line, "Skipped: reason"); anything else is shown as it is.
    return longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)

def _fail_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and env_flag(REQUIRE_ALL):
        report.outcome = "failed"
        report.longrepr = f"{_skip_reason(report.longrepr)}\n(a skip, failed because {REQUIRE_ALL}=1: the full matrix runs everything)"

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    _fail_skip(outcome.get_result())

@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _fail_skip(outcome.get_result())

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

