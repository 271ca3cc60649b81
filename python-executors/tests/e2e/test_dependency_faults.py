"""python-baseline when its dependencies fail: a real redis-server frozen (SIGSTOP) and killed, the real mock
LLM stopped. Each run ends within the bound with 503 dependency-unavailable naming redis (502 naming the LLM),
/health says what fails, and the first run after the dependency returns succeeds."""
from __future__ import annotations

import os
import signal
import sys
import time
from typing import Iterator

import httpx
import pytest

from tests.support import processes

pytestmark = pytest.mark.e2e

BOUND_S = 2.0  # STATE_STORE_TIMEOUT_SECONDS given to the executor
SLACK_S = 1.5  # scheduling on a shared machine; a hang would take the run timeout (20 s)


class Faults:
    def __init__(self, mock_url: str) -> None:
        self.redis, url = processes.start_redis()
        self.port = int(url.rsplit(":", 1)[1].split("/")[0])
        env = processes.executor_env("benchapp_baseline", mock_url, url, {
            "STATE_STORE_TIMEOUT_SECONDS": str(BOUND_S), "RUN_TIMEOUT_SECONDS": "20"})
        self.executor, self.url = processes.start_executor("benchapp_baseline", env, python=sys.executable)
        self.http = httpx.Client(base_url=self.url, timeout=30)

    def kill_redis(self) -> None:
        self.redis.proc.kill()
        self.redis.proc.wait(timeout=5)

    def restart_redis(self) -> None:
        self.redis, _ = processes.start_redis(self.port)

    def wait_healthy(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.http.get("/health").status_code == 200:
                return
            time.sleep(0.2)
        raise AssertionError(f"/health did not return to 200 within {timeout} s: {self.http.get('/health').text}")

    def close(self) -> None:
        self.http.close()
        self.executor.stop()
        if self.redis.proc.poll() is None:
            os.kill(self.redis.proc.pid, signal.SIGCONT)
        self.redis.stop()


@pytest.fixture
def faults(mock_llm_url: str) -> Iterator[Faults]:
    try:
        f = Faults(mock_llm_url)
    except FileNotFoundError as e:
        pytest.skip(str(e))
    yield f
    f.close()


def timed_run(http: httpx.Client, body: dict) -> tuple:
    started = time.monotonic()
    response = http.post("/v1/runs", json=body)
    return response, time.monotonic() - started


def assert_redis_unavailable(response: httpx.Response, elapsed: float, detail_words: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "https://benchapp.dev/problems/dependency-unavailable"
    assert body["title"] == "A dependency is unavailable."
    assert body["dependency"] == "redis"
    assert detail_words in body["detail"], body
    assert elapsed < BOUND_S + SLACK_S, f"answered after {elapsed:.2f} s"


def test_frozen_redis_is_a_bounded_503_and_the_first_run_after_it_succeeds(faults: Faults):
    first = faults.http.post("/v1/runs", json={"message": "#bench tool_calls=0\nHello"}).json()
    os.kill(faults.redis.proc.pid, signal.SIGSTOP)
    try:
        # Loading the history of a known session, and saving the history of a new one.
        response, elapsed = timed_run(faults.http, {"message": "Again", "session_id": first["session_id"]})
        assert_redis_unavailable(response, elapsed, f"redis did not answer within {BOUND_S:g} s")
        response, elapsed = timed_run(faults.http, {"message": "#bench tool_calls=1\nNew"})
        assert_redis_unavailable(response, elapsed, f"redis did not answer within {BOUND_S:g} s")

        started = time.monotonic()
        health = faults.http.get("/health")
        assert time.monotonic() - started < BOUND_S + SLACK_S
        assert health.status_code == 503
        assert health.json()["failing"] == ["redis"] and health.json()["checks"]["llm"] == "ok"
        assert "redis" in health.json()["checks"]["redis"]
    finally:
        os.kill(faults.redis.proc.pid, signal.SIGCONT)

    after = faults.http.post("/v1/runs", json={"message": "After", "session_id": first["session_id"]})
    assert after.status_code == 200, after.text
    assert faults.http.get("/health").json()["failing"] == []


def test_killed_redis_is_a_503_naming_redis_and_the_first_run_after_its_return_succeeds(faults: Faults):
    first = faults.http.post("/v1/runs", json={"message": "Hello"}).json()
    faults.kill_redis()

    response, elapsed = timed_run(faults.http, {"message": "Again", "session_id": first["session_id"]})
    assert_redis_unavailable(response, elapsed, "redis refused the connection")
    response, elapsed = timed_run(faults.http, {"message": "New"})
    assert_redis_unavailable(response, elapsed, "redis refused the connection")
    health = faults.http.get("/health")
    assert health.status_code == 503 and health.json()["failing"] == ["redis"]

    faults.restart_redis()  # empty: the old session is gone, a new one must work at once
    after = faults.http.post("/v1/runs", json={"message": "After"})
    assert after.status_code == 200, after.text
    faults.wait_healthy(timeout=5)


def test_stopped_llm_is_a_502_naming_the_llm(redis_url: str):
    reason = processes.mock_llm_missing_reason()
    if reason or os.environ.get("MOCK_LLM_URL"):
        pytest.skip(reason or "needs a mock LLM of its own to stop (MOCK_LLM_URL is set)")
    mock, mock_url = processes.start_mock_llm()
    env = processes.executor_env("benchapp_baseline", mock_url, redis_url, {
        "LLM_TIMEOUT_SECONDS": "2", "LLM_RETRY_AFTER_CAP_SECONDS": "0.2", "RUN_TIMEOUT_SECONDS": "20"})
    executor, url = processes.start_executor("benchapp_baseline", env, python=sys.executable)
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            assert http.post("/v1/runs", json={"message": "Hello"}).status_code == 200
            mock.stop()
            response, elapsed = timed_run(http, {"message": "Hello again"})
            assert response.status_code == 502, response.text
            body = response.json()
            assert body["type"] == "https://benchapp.dev/problems/llm-unavailable"
            assert "LLM" in body["detail"]
            assert elapsed < 15
            health = http.get("/health")
            assert health.status_code == 503 and health.json()["failing"] == ["llm"]
    finally:
        executor.stop()
        mock.stop()
