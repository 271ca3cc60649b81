"""The HTTP contract of the shared app, with a scripted executor (the real loops are tested elsewhere)."""
import asyncio
import json
from typing import Dict

import httpx
import pytest

from benchapp_common.accounting import COMPLETED, RunAccounting, RunOutcome
from benchapp_common.app import ExecutorDescription, create_app
from benchapp_common.config import Settings
from benchapp_common.errors import DependencyUnavailable, LlmTimeout, LlmUnavailable, SessionNotFound
from benchapp_common.validation import RunRequest


class ScriptedExecutor:
    def __init__(self) -> None:
        self.behaviour = "ok"
        self.health_checks: Dict[str, str] = {"llm": "ok", "redis": "ok"}
        self.requests = []

    def describe(self) -> ExecutorDescription:
        return ExecutorDescription("python-test", "none", "-", False, "memory")

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def health(self) -> Dict[str, str]:
        return self.health_checks

    async def run(self, request: RunRequest, acct: RunAccounting) -> RunOutcome:
        self.requests.append(request)
        b = self.behaviour
        if b == "unknown-session":
            raise SessionNotFound(request.session_id or "")
        if b == "llm-down":
            raise LlmUnavailable("HTTP 500 from the LLM after 3 attempts.")
        if b == "llm-timeout":
            raise LlmTimeout("The LLM gave no reply after 3 attempts.")
        if b == "hang":
            await asyncio.sleep(30)
        if b == "redis-frozen":
            raise DependencyUnavailable("redis", "redis did not answer within 2 s.")
        if b == "framework-redis-error":
            import redis.exceptions
            raise RuntimeError("checkpoint failed") from redis.exceptions.ConnectionError(
                "Error 111 connecting to 127.0.0.1:1. Connection refused.")
        if b == "bug":
            raise KeyError("secret internals")
        if b == "framework-error":
            e = type("InternalServerError", (Exception,), {"__module__": "openai"})("x")
            e.status_code = 500
            raise RuntimeError("wrapped") from e
        acct.add_llm_reply(12, 3)
        acct.tool_calls = 0
        return RunOutcome(request.session_id or "0" * 32, "answer", COMPLETED)


@pytest.fixture
def executor():
    return ScriptedExecutor()


@pytest.fixture
async def client(executor):
    app = create_app(executor, Settings(run_timeout_seconds=0.2))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c


def assert_problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"] and "type" in body
    assert "Traceback" not in r.text
    return body


async def test_alive_health_info(client, executor):
    assert (await client.get("/alive")).status_code == 200
    r = await client.get("/health")
    assert r.status_code == 200 and r.json()["checks"] == {"llm": "ok", "redis": "ok"}
    assert r.json()["failing"] == [] and r.json()["status"] == "healthy"
    executor.health_checks = {"llm": "ok", "redis": "redis refused the connection."}
    r = await client.get("/health")
    assert r.status_code == 503
    assert r.json() == {"status": "unhealthy", "failing": ["redis"],
                        "checks": {"llm": "ok", "redis": "redis refused the connection."}}
    info = (await client.get("/v1/info")).json()
    assert info["executor"] == "python-test" and info["language"] == "python"
    assert set(info) == {"executor", "language", "runtime_version", "framework", "framework_version", "durable",
                         "state_store", "pid", "build", "settings", "workers"}
    assert isinstance(info["pid"], int) and isinstance(info["durable"], bool)
    assert info["build"] is None and info["settings"] == {} and info["workers"] == 1


async def test_run_response_shape(client):
    r = await client.post("/v1/runs", json={"message": "hi", "max_iterations": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["session_id"] == "0" * 32 and body["output"] == "answer" and body["stop_reason"] == "completed"
    assert (body["iterations"], body["llm_calls"], body["tool_calls"]) == (1, 1, 0)
    assert body["usage"] == {"input_tokens": 12, "output_tokens": 3}
    assert set(body["timings_ms"]) == {"total", "llm", "tool", "state"}
    assert body["timings_ms"]["total"] >= 0
    assert body["state_bytes"] == {"turn": None, "session": None}  # the scripted executor knows no sizes


async def test_validation_problem(client):
    body = assert_problem(await client.post("/v1/runs", json={"message": "", "max_iterations": 99}), 400)
    assert body["type"] == "https://benchapp.dev/problems/validation"
    assert set(body["errors"]) == {"message", "max_iterations"}
    assert "max_iterations: Must be between 1 and 50." in body["detail"]


async def test_malformed_and_non_object_bodies(client):
    headers = {"content-type": "application/json"}
    assert assert_problem(await client.post("/v1/runs", content=b"{oops", headers=headers), 400)["errors"] == \
        {"body": ["Malformed JSON."]}
    assert list(assert_problem(await client.post("/v1/runs", content=b"[1]", headers=headers), 400)["errors"]) == ["body"]
    assert list(assert_problem(await client.post("/v1/runs", content=b"\xff\xfe", headers=headers), 400)["errors"]) == ["body"]


async def test_body_over_limit_is_400_body(client):
    payload = json.dumps({"message": "x", "pad": "p" * 140_000}).encode()
    body = assert_problem(await client.post("/v1/runs", content=payload, headers={"content-type": "application/json"}), 400)
    assert body["errors"] == {"body": ["Must be at most 131072 bytes."]}


async def test_chunked_body_over_limit_is_400_body(client):
    async def chunks():
        for _ in range(20):
            yield b" " * 10_000
    r = await client.post("/v1/runs", content=chunks(), headers={"content-type": "application/json"})
    assert assert_problem(r, 400)["errors"] == {"body": ["Must be at most 131072 bytes."]}


@pytest.mark.parametrize("content_type", ["text/plain", None])
async def test_non_json_content_type_is_415(client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    r = await client.post("/v1/runs", content=b'{"message":"hi"}', headers=headers)
    assert_problem(r, 415)


async def test_routing_errors_are_problems(client):
    assert_problem(await client.get("/v1/runs"), 405)
    assert_problem(await client.get("/nope"), 404)


@pytest.mark.parametrize("behaviour,status,kind", [
    ("unknown-session", 404, "session-not-found"), ("llm-down", 502, "llm-unavailable"),
    ("llm-timeout", 504, "timeout"), ("hang", 504, "timeout"), ("framework-error", 502, "llm-unavailable"),
])
async def test_failures_map_to_statuses(client, executor, behaviour, status, kind):
    executor.behaviour = behaviour
    body = assert_problem(await client.post("/v1/runs", json={"message": "hi", "session_id": "abc"}), status)
    assert body["type"] == f"https://benchapp.dev/problems/{kind}"


async def test_bug_is_500_without_internals(client, executor):
    executor.behaviour = "bug"
    body = assert_problem(await client.post("/v1/runs", json={"message": "hi"}), 500)
    assert "secret internals" not in json.dumps(body)
    assert body["detail"] == "The run failed; see the executor's logs."


async def test_session_not_found_names_the_session(client, executor):
    executor.behaviour = "unknown-session"
    body = assert_problem(await client.post("/v1/runs", json={"message": "hi", "session_id": "abc123"}), 404)
    assert body["detail"] == "No session 'abc123'."


@pytest.mark.parametrize("behaviour, detail", [
    ("redis-frozen", "redis did not answer within 2 s."),
    ("framework-redis-error", "redis refused the connection."),
])
async def test_a_dependency_fault_is_a_503_naming_it(client, executor, behaviour, detail):
    executor.behaviour = behaviour
    body = assert_problem(await client.post("/v1/runs", json={"message": "hi"}), 503)
    assert body == {"type": "https://benchapp.dev/problems/dependency-unavailable",
                    "title": "A dependency is unavailable.", "status": 503, "detail": detail, "dependency": "redis"}
